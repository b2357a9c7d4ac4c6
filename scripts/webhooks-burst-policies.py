#!/usr/bin/env python3
"""Which order should the webhook refresher fetch next while a backlog exists?

A model of scripts/webhooks-burst.sh's burst, to compare choices without a 2.5-minute run each:
`POST /_sandbox/orders {"count": 300, "updates": 700}` stores 300 creations, then touches the
new orders in turn (round robin), the 1,000 notifications arriving evenly over ARRIVAL seconds.
The refresher sends one GET every 0.5 s (2 req/s, a burst of 2 at start); a GET covers every
notification of its order stored before it left, so an order notified again afterwards costs a
second GET (a "refetch"). Prints, per policy and arrival window, the refetches and when the last
GET leaves.

Usage: scripts/webhooks-burst-policies.py [ARRIVAL_SECONDS ...]   (default: 2 5.2 10)
"""
import sys

ORDERS, NOTIFICATIONS, GET_INTERVAL = 300, 1000, 0.5


def run(policy, arrival, burst=2):
    touched = list(range(ORDERS)) + [t % ORDERS for t in range(NOTIFICATIONS - ORDERS)]
    arrives = [arrival * i / NOTIFICATIONS for i in range(NOTIFICATIONS)]
    pending = {}  # order -> [first seq, last seq]
    stored, gets = 0, 0
    slots = [0.0] * burst  # when each GET may leave
    while True:
        if gets >= len(slots):
            slots.append(slots[-1] + GET_INTERVAL)
        t = slots[gets]
        while stored < NOTIFICATIONS and arrives[stored] <= t:
            entry = pending.setdefault(touched[stored], [stored, stored])
            entry[1] = stored
            stored += 1
        if not pending:
            if stored >= NOTIFICATIONS:
                return gets - ORDERS, slots[gets - 1]
            slots[gets] = arrives[stored]  # idle until the next notification
            continue
        del pending[policy(pending)]
        gets += 1


POLICIES = {
    "oldest first notification (today)": lambda p: min(p, key=lambda o: p[o][0]),
    "quiet longest (oldest last notification)": lambda p: min(p, key=lambda o: p[o][1]),
    "most recently notified (LIFO, unfair)": lambda p: max(p, key=lambda o: p[o][1]),
}

if __name__ == "__main__":
    for arrival in [float(a) for a in sys.argv[1:]] or [2.0, 5.2, 10.0]:
        for name, policy in POLICIES.items():
            refetches, last = run(policy, arrival)
            print(f"arrival {arrival:5.1f} s  {name:42s} refetches {refetches:3d}  last GET leaves at {last:6.1f} s")
