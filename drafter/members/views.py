"""The members page of a plan, and accepting an invitation.

URL table:
    GET, POST  /plans/<plan_id>/members                 members and open invitations
    POST       /plans/<plan_id>/members/invite          make an invitation link
    POST       /plans/<plan_id>/members/<user_id>/role  change someone's role
    POST       /plans/<plan_id>/members/<user_id>/remove  remove someone from the plan
    GET, POST  /invitations/<token>                     see, then accept, an invitation
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
def members(plan_id: int, new_link: str | None = None, status: int = 200):
    plan = plan_or_404(plan_id)
    session = db.session()
    return render_template("members/members.html", plan=plan, roles=ROLE_LABELS,
                           members=service.members(session, plan_id),
                           invitations=service.open_invitations(session, plan_id),
                           new_link=new_link, can_manage=may(MANAGE)), status


@bp.post("/plans/<int:plan_id>/members/invite")
def invite(plan_id: int):
    plan = plan_or_404(plan_id)
    role = request.form.get("role", "")
    email = request.form.get("email", "")[:254]
    try:
        token = service.invite(db.session(), plan_id, role, current_user.id, email)
    except service.MembershipError as problem:
        flash(str(problem), "error")
        return redirect(url_for(".members", plan_id=plan_id))
    link = url_for(".accept", token=token, _external=True)
    if service.send_invitation_mail(current_app.config, email, link, plan.title,
                                    str(ROLE_LABELS[role])):
        flash(_("The invitation was sent to %(email)s.", email=email))
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
    except service.MembershipError as problem:
        return render_template("error.html", code=410, title=_("Invitation"),
                               message=str(problem)), 410
    plan = plan_or_404(invitation.plan_id)
    if request.method == "POST":
        plan_id = service.accept(session, token, current_user.id)
        flash(_("You have joined “%(title)s”.", title=plan.title))
        return redirect(url_for("wizard.tasklist", plan_id=plan_id))
    return render_template("members/accept.html", plan=plan, invitation=invitation,
                           role=ROLE_LABELS[invitation.role])
