"""Managing what is bound: the Installed widgets and Activity docks, safe edits from the bind
form, manifests, and the sync dialog.

The main window calls :func:`attach_manage_views` once with the
:class:`~b24admin.gui.manage.services.ManageServices` it builds; everything else hangs off the
:class:`~b24admin.gui.manage.views.ManageViews` it returns. Nothing here imports the main window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from b24admin.gui.manage.services import ManageServices
    from b24admin.gui.manage.views import ManageViews

__all__ = ["attach_manage_views"]


def attach_manage_views(services: ManageServices) -> ManageViews:
    """Add the manage views to ``services.host`` (once: a second call returns the same views)."""
    from b24admin.gui.manage.views import ManageViews

    existing = services.host.findChild(ManageViews, "manageViews")
    if isinstance(existing, ManageViews):
        return existing
    return ManageViews(services)
