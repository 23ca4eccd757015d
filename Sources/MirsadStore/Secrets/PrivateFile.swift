import Foundation

/// Files that hold secrets (keys, the SQLite database and its journals, exports) are for the
/// service's own user: created `0600` (directories `0700`), and a key file that others can
/// read is refused, as ssh refuses a private key with loose permissions.
public enum PrivateFile {
    /// Mode bits of group and others.
    static let othersMask: mode_t = 0o077

    /// Throws when `path` exists and its group or others may read or write it.
    public static func requirePrivate(_ path: String, what: String) throws(StoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let mode = info.st_mode & 0o777
        guard mode & othersMask == 0 else {
            throw .invalidConfiguration(
                "\(what) \(path) can be read by other users (mode \(String(mode, radix: 8))); "
                    + "fix it with: chmod 600 \(path)")
        }
    }

    /// Creates `path` with `contents`, readable by the owner only; fails if it exists.
    public static func create(_ path: String, contents: Data) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw .invalidConfiguration("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == contents.count else { throw .invalidConfiguration("cannot write \(path)") }
    }

    /// Makes an existing file owner-only (databases created by earlier versions were `0644`).
    public static func restrict(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & othersMask != 0 else { return }
        _ = chmod(path, 0o600)
    }

    /// Makes sure `path` exists as an owner-only file before a library opens it, so that the
    /// files it derives (SQLite's `-wal` and `-shm` take the database's mode) are private too.
    public static func prepareDatabaseFile(_ path: String) {
        if access(path, F_OK) != 0 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if fd >= 0 { close(fd) }
        }
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] { restrict(file) }
    }
}
