import Foundation
import MirsadDomain

/// The after-action report of an operation as an HTML page that prints well, in English or
/// Arabic (right to left): timeline, task times, units committed, warnings issued.
struct OperationReport {
    enum Language: String { case en, ar }

    let history: OperationHistory
    let language: Language
    let timeZone: TimeZone

    private func say(_ en: String, _ ar: String) -> String { language == .ar ? ar : en }
    private func pick(_ name: LocalizedName) -> String { language == .ar ? name.ar : name.en }

    var html: String {
        let operation = history.operation
        let title = say("After-action report", "تقرير ما بعد العملية") + ": " + pick(operation.name)
        var out = """
            <!doctype html>
            <html lang="\(language.rawValue)" dir="\(language == .ar ? "rtl" : "ltr")">
            <head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body{font:14px/1.45 system-ui,"Noto Naskh Arabic",sans-serif;margin:2rem;color:#111}
            h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #999}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:start;vertical-align:top}
            th{background:#eee}.late{color:#a00;font-weight:600}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
            @media print{body{margin:0;font-size:11pt}h2{break-after:avoid}tr{break-inside:avoid}}
            </style></head>
            <body>
            <h1>\(escape(title))</h1>
            <dl>
            <dt>\(say("Plan", "الخطة"))</dt><dd>\(escape(operation.playbookId)) v\(operation.playbookVersion)</dd>
            <dt>\(say("Started by", "بدأها"))</dt><dd>\(escape(operation.trigger))</dd>
            <dt>\(say("Activated", "التفعيل"))</dt><dd>\(time(operation.activatedAt))</dd>
            <dt>\(say("Ended", "الانتهاء"))</dt><dd>\(operation.stoodDownAt.map(time) ?? say("still active", "ما زالت نشطة"))</dd>
            </dl>

            """
        out +=
            "<h2>\(say("Tasks", "المهام"))</h2>\n<table><tr><th>\(say("Task", "المهمة"))</th><th>\(say("Sector", "القطاع"))</th>"
        out += "<th>\(say("Due", "الموعد"))</th><th>\(say("Acknowledged after", "الاستلام بعد"))</th>"
        out += "<th>\(say("Done after", "الإنجاز بعد"))</th><th>\(say("By", "بواسطة"))</th></tr>\n"
        for times in history.taskTimes {
            let task = times.task
            let late = task.doneAt.map { $0 > task.due } ?? (history.ended > task.due)
            out +=
                "<tr\(late ? " class=\"late\"" : "")><td>\(escape(pick(task.title)))</td><td>\(escape(task.sector))</td>"
            out +=
                "<td>\(time(task.due))</td><td>\(duration(times.toAcknowledge))</td><td>\(duration(times.toComplete))</td>"
            out += "<td>\(escape(task.doneBy ?? task.acknowledgedBy ?? "—"))</td></tr>\n"
        }
        out += "</table>\n"
        out += "<h2>\(say("Units committed", "الوحدات المشاركة")) (\(history.unitsCommitted.count))</h2>\n<p>"
        out +=
            history.unitsCommitted.isEmpty
            ? say("None", "لا يوجد") : escape(history.unitsCommitted.joined(separator: ", "))
        out +=
            "</p>\n<h2>\(say("Public warnings issued", "التحذيرات العامة الصادرة")) (\(history.alertsIssued.count))</h2>\n<ul>\n"
        for alert in history.alertsIssued {
            out +=
                "<li>\(alert.sentAt.map(time) ?? "") — \(escape(alert.identifier)): \(escape(pick(alert.content.headline)))</li>\n"
        }
        out += "</ul>\n<h2>\(say("Timeline", "التسلسل الزمني"))</h2>\n<table><tr><th>\(say("Time", "الوقت"))</th>"
        out += "<th>\(say("What", "الحدث"))</th><th>\(say("Who", "من"))</th></tr>\n"
        for event in history.timeline {
            out +=
                "<tr><td>\(time(event.at))</td><td>\(escape(describe(event)))</td><td>\(escape(event.actor.username))</td></tr>\n"
        }
        out += "</table>\n</body></html>\n"
        return out
    }

    private func describe(_ event: EventEnvelope) -> String {
        switch event.payload {
        case .operation(let change):
            let task = change.taskId.flatMap { id in change.operation.tasks.first { $0.id == id } }.map {
                pick($0.title)
            }
            switch change.change {
            case .activated: return say("Plan activated", "تفعيل الخطة")
            case .taskAcknowledged: return say("Task acknowledged", "استلام المهمة") + ": " + (task ?? "")
            case .taskCompleted: return say("Task done", "إنجاز المهمة") + ": " + (task ?? "")
            case .taskEscalated:
                return say("Task overdue, escalated", "مهمة متأخرة، رفعت للمشرفين") + ": " + (task ?? "")
            case .stoodDown: return say("Plan stood down", "إنهاء الخطة")
            }
        case .roadClosure(let change):
            return (change.removed ? say("Road opened", "فتح الطريق") : say("Road closed", "إغلاق الطريق")) + ": "
                + change.reason
        case .shelter(let change):
            return say("Shelter opened", "فتح مركز الإيواء") + ": " + pick(change.shelter.site.name)
        case .publicAlert(let change):
            let words: String
            switch change.change {
            case .drafted: words = say("Public warning drafted", "صياغة تحذير عام")
            case .published: words = say("Public warning published", "نشر التحذير العام")
            case .rejected: words = say("Public warning rejected", "رفض التحذير العام")
            }
            return "\(words): \(change.alert.identifier)"
        default:
            return event.type
        }
    }

    private func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    private func duration(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "—" }
        let minutes = Int((seconds / 60).rounded())
        return minutes < 60
            ? "\(minutes) \(say("min", "د"))" : "\(minutes / 60) \(say("h", "س")) \(minutes % 60) \(say("min", "د"))"
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
