"""Managing what is bound (issue 4): the Installed widgets and Activity docks, safe edits from
the bind form, manifests, and the sync dialog.

The main window calls :func:`attach_manage_views` once; everything else hangs off the
:class:`~b24admin.gui.manage.views.ManageViews` it returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from b24admin.gui.main_window import MainWindow
    from b24admin.gui.manage.views import ManageViews

__all__ = ["attach_manage_views"]


def attach_manage_views(window: MainWindow) -> ManageViews:
    """Add the manage views to ``window`` (once: a second call returns the same views)."""
    from b24admin.gui.manage.views import ManageViews

    existing = window.findChild(ManageViews, "manageViews")
    if isinstance(existing, ManageViews):
        return existing
    return ManageViews(window)
