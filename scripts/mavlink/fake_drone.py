#!/usr/bin/env python3
"""Pretend to be a drone: send MAVLink 2 telemetry to Mirsad over UDP.

The frames are the ones a PX4 quadrotor's autopilot sends and Mirsad's MAVLink codec reads:

* HEARTBEAT once a second: a quadrotor, PX4, armed, in position-control mode, active;
* SYS_STATUS once a second: battery voltage and percentage left;
* GLOBAL_POSITION_INT every tick: position, altitude, velocity and heading, flying a straight
  line along ``--heading`` at ``--speed``.

One message goes in each datagram, as an autopilot's UDP link sends them. Home is taken to be at
sea level, so the altitude above mean sea level and above home are both ``--alt``.

Needs pymavlink (``python3 -m venv /tmp/pmvenv && /tmp/pmvenv/bin/pip install pymavlink``).

Example, ten seconds at 5 Hz heading east at 12 m/s::

    fake_drone.py --port 14550 --sysid 7 --lat 29.37 --lon 47.98 --alt 80 --battery 76 \\
        --count 50 --rate 5 --heading 90 --speed 12
"""

import argparse
import math
import socket
import sys
import time

from pymavlink.dialects.v20 import common as mavlink2

EARTH_RADIUS_M = 6_371_008.8
# PX4 puts its main flight mode in bits 16-23 of custom_mode; 3 is POSCTL (position control).
PX4_CUSTOM_MODE_POSCTL = 3 << 16
# A 4S LiPo: 3.5 V a cell when empty, 4.2 V when full.
CELLS = 4
CELL_EMPTY_V = 3.5
CELL_FULL_V = 4.2


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Send MAVLink 2 drone telemetry over UDP.")
    parser.add_argument("--host", default="127.0.0.1", help="where to send (default 127.0.0.1)")
    parser.add_argument("--port", type=int, required=True, help="UDP port to send to")
    parser.add_argument("--sysid", type=int, default=1, help="MAVLink system id, 1-255 (default 1)")
    parser.add_argument("--lat", type=float, required=True, help="starting latitude, degrees")
    parser.add_argument("--lon", type=float, required=True, help="starting longitude, degrees")
    parser.add_argument("--alt", type=float, default=100.0, help="altitude, metres (default 100)")
    parser.add_argument("--battery", type=int, default=100, help="battery left, percent (default 100)")
    parser.add_argument("--count", type=int, default=10, help="ticks to send, 0 for no end (default 10)")
    parser.add_argument("--rate", type=float, default=5.0, help="ticks a second (default 5)")
    parser.add_argument("--heading", type=float, default=0.0, help="course, degrees from north (default 0)")
    parser.add_argument("--speed", type=float, default=0.0, help="ground speed, m/s (default 0: hover)")
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        parser.error("--port must be 1-65535")
    if not 1 <= args.sysid <= 255:
        parser.error("--sysid must be 1-255")
    if not -90 <= args.lat <= 90 or not -180 <= args.lon <= 180:
        parser.error("--lat must be within ±90 and --lon within ±180")
    if not 0 <= args.battery <= 100:
        parser.error("--battery must be 0-100")
    if args.count < 0:
        parser.error("--count must be 0 or more")
    if not 0 < args.rate <= 100:
        parser.error("--rate must be above 0 and at most 100")
    if not 0 <= args.speed <= 327:
        parser.error("--speed must be 0-327 m/s (GLOBAL_POSITION_INT carries cm/s in 16 bits)")
    return args


class FakeDrone:
    """A drone flying a straight line; each call to ``tick`` advances it and sends its frames."""

    def __init__(self, args, sock):
        self.args = args
        self.sock = sock
        self.address = (args.host, args.port)
        # Component 1 is the autopilot. No file: frames are packed here and sent as datagrams.
        self.mav = mavlink2.MAVLink(None, srcSystem=args.sysid, srcComponent=mavlink2.MAV_COMP_ID_AUTOPILOT1)
        self.lat = args.lat
        self.lon = args.lon
        self.heading = args.heading % 360
        self.sent = 0

    def send(self, message):
        self.sock.sendto(message.pack(self.mav), self.address)
        # pack() numbers the frame but only MAVLink.send() advances the counter; do it here.
        self.mav.seq = (self.mav.seq + 1) % 256
        self.sent += 1

    def send_heartbeat(self):
        self.send(
            self.mav.heartbeat_encode(
                type=mavlink2.MAV_TYPE_QUADROTOR,
                autopilot=mavlink2.MAV_AUTOPILOT_PX4,
                base_mode=mavlink2.MAV_MODE_FLAG_SAFETY_ARMED | mavlink2.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED,
                custom_mode=PX4_CUSTOM_MODE_POSCTL,
                system_status=mavlink2.MAV_STATE_ACTIVE,
            )
        )

    def voltage_mv(self):
        cell = CELL_EMPTY_V + (CELL_FULL_V - CELL_EMPTY_V) * self.args.battery / 100
        return round(CELLS * cell * 1000)

    def send_sys_status(self):
        self.send(
            self.mav.sys_status_encode(
                onboard_control_sensors_present=0,
                onboard_control_sensors_enabled=0,
                onboard_control_sensors_health=0,
                load=0,
                voltage_battery=self.voltage_mv(),
                current_battery=-1,  # unknown
                battery_remaining=self.args.battery,
                drop_rate_comm=0,
                errors_comm=0,
                errors_count1=0,
                errors_count2=0,
                errors_count3=0,
                errors_count4=0,
            )
        )

    def send_position(self, time_boot_ms):
        north = self.args.speed * math.cos(math.radians(self.heading))
        east = self.args.speed * math.sin(math.radians(self.heading))
        altitude_mm = round(self.args.alt * 1000)
        self.send(
            self.mav.global_position_int_encode(
                time_boot_ms=time_boot_ms,
                lat=round(self.lat * 1e7),
                lon=round(self.lon * 1e7),
                alt=altitude_mm,
                relative_alt=altitude_mm,
                vx=round(north * 100),
                vy=round(east * 100),
                vz=0,
                hdg=round(self.heading * 100) % 36000,
            )
        )

    def move(self, seconds):
        """Flies ``seconds`` along the heading, on a sphere (plenty for a test flight)."""
        distance = self.args.speed * seconds
        heading = math.radians(self.heading)
        self.lat += math.degrees(distance * math.cos(heading) / EARTH_RADIUS_M)
        cos_lat = max(math.cos(math.radians(self.lat)), 1e-9)
        self.lon += math.degrees(distance * math.sin(heading) / (EARTH_RADIUS_M * cos_lat))
        self.lon = (self.lon + 180) % 360 - 180

    def tick(self, index, time_boot_ms):
        ticks_per_second = max(1, round(self.args.rate))
        once_a_second = index % ticks_per_second == 0
        if once_a_second:
            self.send_heartbeat()
            self.send_sys_status()
        self.send_position(time_boot_ms)
        if once_a_second:
            print(
                f"t={time_boot_ms / 1000:.0f}s sysid={self.args.sysid} seq={self.mav.seq} "
                f"lat={self.lat:.6f} lon={self.lon:.6f} alt={self.args.alt:.1f}m "
                f"battery={self.args.battery}% sent={self.sent}",
                file=sys.stderr,
                flush=True,
            )
        self.move(1 / self.args.rate)


def main(argv=None):
    args = parse_arguments(argv)
    period = 1 / args.rate
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        drone = FakeDrone(args, sock)
        start = time.monotonic()
        index = 0
        try:
            while args.count == 0 or index < args.count:
                # Ticks keep to a fixed schedule from the start, so the rate does not drift.
                delay = start + index * period - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                drone.tick(index, round((time.monotonic() - start) * 1000))
                index += 1
        except KeyboardInterrupt:
            pass
    print(f"done: {index} ticks, {drone.sent} frames to {args.host}:{args.port}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
