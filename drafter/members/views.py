"""The members page of a plan, and accepting an invitation.

URL table:
    GET, POST  /plans/<plan_id>/members                 members and open invitations
    POST       /plans/<plan_id>/members/invite          make an invitation link
    POST       /plans/<plan_id>/members/<user_id>/role  change someone's role
    POST       /plans/<plan_id>/members/<user_id>/remove  remove someone from the plan
    GET, POST  /invitations/<token>                     see, then accept, an invitation

An invitation page tells an account the link is not for (another address, or a workshop
participant's quick account) why, instead of offering a button that would fail.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..access import MANAGE, ROLE_LABELS, may, role_on
from ..web.loading import plan_or_404
from . import service

bp = Blueprint("members", __name__)


@bp.get("/plans/<int:plan_id>/members")
def members(plan_id: int, new_link: str | None = None, typed: dict | None = None,
            problem: service.MembershipError | None = None, status: int = 200):
    plan = plan_or_404(plan_id)
    session = db.session()
    can_manage = may(MANAGE)  # addresses and links are for the owners alone
    invitations = service.open_invitations(session, plan_id) if can_manage else []
    return render_template("members/members.html", plan=plan, roles=ROLE_LABELS,
                           members=service.members(session, plan_id), invitations=invitations,
                           new_link=new_link, can_manage=can_manage,
                           typed=typed or {}, problem=problem), status


@bp.post("/plans/<int:plan_id>/members/invite")
def invite(plan_id: int):
    plan = plan_or_404(plan_id)
    role = request.form.get("role", "")
    email = request.form.get("email", "")[:254]
    try:
        token = service.invite(db.session(), plan_id, role, current_user.id, email)
    except service.MembershipError as problem:
        # Shown again with what was typed, the message on its field.
        return members(plan_id, typed={"role": role, "email": email}, problem=problem,
                       status=400)
    link = url_for(".accept", token=token, _external=True)
    if service.send_invitation_mail(current_app.config, email.strip(), link, plan.title,
                                    str(ROLE_LABELS[role])):
        flash(_("The invitation was sent to %(email)s.", email=email.strip()))
    return members(plan_id, new_link=link)


@bp.post("/plans/<int:plan_id>/members/<int:user_id>/role")
def change_role(plan_id: int, user_id: int):
    plan_or_404(plan_id)
    if role_on(plan_id, user_id) is None:  # people join through an invitation, not here
        abort(404)
    try:
        service.set_role(db.session(), plan_id, user_id, request.form.get("role", ""))
        flash(_("The role is changed."))
    except service.MembershipError as problem:
        flash(str(problem), "error")
    return redirect(url_for(".members", plan_id=plan_id))


@bp.post("/plans/<int:plan_id>/members/<int:user_id>/remove")
def remove(plan_id: int, user_id: int):
    plan_or_404(plan_id)
    try:
        service.remove(db.session(), plan_id, user_id)
        flash(_("The person no longer has access to this plan."))
    except service.MembershipError as problem:
        flash(str(problem), "error")
    return redirect(url_for(".members", plan_id=plan_id))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept(token: str):
    session = db.session()
    try:
        invitation = service.find_invitation(session, token)
    except service.InvitationGone as problem:
        return _gone(problem)
    plan = plan_or_404(invitation.plan_id)
    role = ROLE_LABELS[invitation.role]
    try:
        service.check_acceptor(invitation, current_user._get_current_object())
        if request.method == "POST":
            accepted = service.accept(session, token, current_user.id)
            words = {"title": plan.title or _("Untitled plan"), "role": ROLE_LABELS[accepted.role]}
            flash(_("You already take part in “%(title)s” as %(role)s, and you keep that role.",
                    **words) if accepted.kept else
                  _("You have joined “%(title)s” as %(role)s.", **words))
            return redirect(url_for("wizard.tasklist", plan_id=accepted.plan_id))
    except service.InvitationGone as problem:  # someone else accepted it a moment ago
        return _gone(problem)
    except service.MembershipError as problem:
        return render_template("members/accept.html", plan=plan, role=role,
                               problem=problem), 403
    kept = service.role_kept(session, invitation, current_user.id)
    return render_template("members/accept.html", plan=plan, role=role, problem=None,
                           kept=ROLE_LABELS[kept] if kept else None)


def _gone(problem: service.MembershipError):
    return render_template("error.html", code=410, title=_("Invitation"),
                           message=str(problem)), 410
