"""The sandbox portal "opens" a widget bound to it: it sends the widget's handler what a real
portal sends when a user opens the widget, through the same core as ``b24admin try-handler``
(:mod:`b24admin.core.handler_try`), as itself (its address and member_id; placeholder tokens),
and answers with the try's result as JSON.

``GET /widgets/open?placement=CODE&handler=URL[&lang=LL]``: 200 with the result, 404 with
``WIDGET_NOT_FOUND`` when no application bound that handler to that placement.
"""

from __future__ import annotations

from typing import Any

from b24admin.sandbox.portal import PortalState


def open_widget(
    state: PortalState, base_url: str, placement: str, handler: str, lang: str = "en"
) -> tuple[int, dict[str, Any]]:
    """The HTTP status and JSON body of opening the widget (placement, handler)."""
    from b24admin.core.catalogue import load_catalogue
    from b24admin.core.handler_context import PortalIdentity
    from b24admin.core.handler_try import try_handler

    code = placement.strip().upper()
    with state.lock:
        bound = any(b.placement == code and b.handler == handler for b in state.bindings)
        member_id = state.member_id
    if not bound:
        return 404, {
            "error": "WIDGET_NOT_FOUND",
            "error_description": "No widget of this placement has this handler.",
        }
    portal = PortalIdentity.from_portal_url(base_url, member_id=member_id, oauth_server=base_url)
    result = try_handler(code, handler, load_catalogue(), portal=portal, lang=lang or "en")
    return 200, result.to_json()
