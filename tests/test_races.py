"""Two people acting on one plan at the same moment (security assessment, issue 11,
finding 4): a single-use invitation is accepted once, and owners demoting or removing
each other at once always leave the plan an owner.

Each race starts its threads together at a barrier, each with its own app context and
database session, and is run many times: one lucky ordering proves nothing.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from drafter import db
from drafter.members import service
from drafter.models import Membership

TRIALS = 20


def together(app, *actions) -> list:
    """Run each `action(session)` in a thread of its own, released at once; return what
    each returned, or the exception it raised."""
    start = threading.Barrier(len(actions))
    outcomes: list = [None] * len(actions)

    def run(index, action):
        with app.app_context():
            session = db.session()
            session.connection()  # connect before the barrier, so that only the race is timed
            start.wait()
            try:
                outcomes[index] = action(session)
            except Exception as error:  # noqa: BLE001 - the test looks at what was raised
                outcomes[index] = error

    threads = [threading.Thread(target=run, args=(index, action))
               for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def roles(app, plan_id: int) -> dict[int, str]:
    with app.app_context():
        return dict(db.session().execute(select(Membership.user_id, Membership.role)
                                         .where(Membership.plan_id == plan_id)).all())


def owners(app, plan_id: int) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count(Membership.id)).where(
            Membership.plan_id == plan_id, Membership.role == "owner"))


def test_two_accounts_accepting_one_invitation_at_once_join_once(app, make_plan, make_user,
                                                                  owner_id):
    plan_id = make_plan()
    for trial in range(TRIALS):
        first = make_user(f"first-{trial}@example.org")
        second = make_user(f"second-{trial}@example.org")
        with app.app_context():
            token = service.invite(db.session(), plan_id, "editor", owner_id)
        outcomes = together(app, lambda session: service.accept(session, token, first),
                            lambda session: service.accept(session, token, second))
        refused = [o for o in outcomes if isinstance(o, service.MembershipError)]
        assert len(refused) == 1, (trial, outcomes)
        assert "already been used" in str(refused[0])
        joined = {first, second} & set(roles(app, plan_id))
        assert len(joined) == 1, (trial, outcomes)


def test_one_account_accepting_two_invitations_at_once_joins_once(app, make_plan, make_user,
                                                                   owner_id):
    """Two tabs, two links: one membership, in the higher role, and no error page."""
    plan_id = make_plan()
    for trial in range(TRIALS):
        person = make_user(f"tabs-{trial}@example.org")
        with app.app_context():
            viewer = service.invite(db.session(), plan_id, "viewer", owner_id)
            editor = service.invite(db.session(), plan_id, "editor", owner_id)
        outcomes = together(app, lambda session: service.accept(session, viewer, person),
                            lambda session: service.accept(session, editor, person))
        assert not any(isinstance(o, Exception) for o in outcomes), (trial, outcomes)
        assert roles(app, plan_id)[person] == "editor", (trial, outcomes)


@pytest.mark.parametrize("how", ["demote", "remove"])
def test_two_owners_demoting_or_removing_each_other_at_once_leave_an_owner(
        app, make_plan, make_user, owner_id, how):
    for trial in range(TRIALS):
        plan_id = make_plan()
        other = make_user(f"{how}-{trial}@example.org")
        with app.app_context():
            service.set_role(db.session(), plan_id, other, "owner")

        def against(user_id):
            if how == "demote":
                return lambda session: service.set_role(session, plan_id, user_id, "editor")
            return lambda session: service.remove(session, plan_id, user_id)

        outcomes = together(app, against(other), against(owner_id))
        refused = [o for o in outcomes if isinstance(o, service.MembershipError)]
        assert len(refused) == 1, (trial, outcomes)
        assert "at least one owner" in str(refused[0])
        assert not [o for o in outcomes if isinstance(o, Exception) and o not in refused]
        assert owners(app, plan_id) == 1, (trial, outcomes)
