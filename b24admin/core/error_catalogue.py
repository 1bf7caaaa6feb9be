"""What each error code means for an administrator, and what to do about it.

Every code the Bitrix24 docs name (placement errors of api-reference/widgets/placement-bind.md
and its neighbours, system errors of _includes/system-errors.md, OAuth server errors of
settings/oauth/error-codes.md) plus b24admin's own codes maps to a one-line
``summary`` and an ``advice``. The texts are data, marked with :func:`N_` and translated by
:func:`explain` when an error is built, so the CLI and the window say them in the same
words. The server's own ``error_description`` is kept separately on the error and shown in the
details, as _includes/error-info.md says not to show it raw as the message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from b24admin.core.errors import B24Error

from b24admin.core.i18n import N_, _

Explanation = tuple[str, str]  # (summary, advice)

# WRONG_AUTH_TYPE is the error every webhook user meets first, so it explains the whole setup.
LOCAL_APP_SETUP = N_(
    "Bitrix24 lets only an installed application register widgets: the OAuth token of a local "
    "application, issued to a portal administrator. Incoming webhooks cannot call placement.bind, "
    "placement.unbind or placement.get, whatever their permissions. To set one up: in Bitrix24 "
    "open Applications > Developer resources > Other > Local application, give it the scope "
    "'placement' plus the scopes of the tools you want widgets in (for example crm, im, task), "
    "save it and copy its client_id and client_secret. Then, in b24admin, add a profile of kind "
    '"Local application" with those keys and sign in as an administrator.'
)

PROFILES_FILE_ADVICE = N_(
    "Fix or move the file away and add the profiles again; b24admin left it as it is."
)
BROKEN_PROFILE_ADVICE = N_(
    "Fix the entry in {path}, or remove it with “b24admin profile remove {remove}” (or "
    "in the profile dialog) and add it again. The other profiles work as usual."
)

CATALOGUE: dict[str, Explanation] = {
    # --- placement.bind / unbind / get / list (api-reference/widgets/) ---------------------
    "WRONG_AUTH_TYPE": (
        N_("Webhooks cannot manage widgets: Bitrix24 requires an installed application."),
        LOCAL_APP_SETUP,
    ),
    "ACCESS_DENIED": (
        N_(
            "The portal refused access: the user is not an administrator, or REST is not available."
        ),
        N_(
            "Sign in as a portal administrator (only administrators may bind or unbind widgets). "
            "If every call fails this way, check that the portal's plan includes REST access "
            "(a paid plan with a Market subscription, a Market trial or a partner NFR key)."
        ),
    ),
    "ERROR_ARGUMENT": (
        N_("The portal rejected the parameter {argument}."),
        N_(
            "Correct the field {argument}: it is required and missing, empty, or of the wrong "
            "type. The server's description below says which."
        ),
    ),
    "ERROR_PLACEMENT_NOT_FOUND/scope": (
        N_("The application lacks the “{scope}” scope that {placement} needs."),
        N_(
            "The portal only knows the placements of the scopes the application has. Add "
            "“{scope}” in Bitrix24 under {where}, save, then reinstall or sign in again so "
            "the token gets it, and bind again."
        ),
    ),
    "ERROR_PLACEMENT_NOT_FOUND": (
        N_("The portal does not know this placement code, or the application may not use it."),
        N_(
            "Check the code's spelling against the list of placements, and that the local "
            "application has the scope the placement needs (for example 'crm' for CRM_* codes, "
            "'im' for IM_TEXTAREA, IM_SIDEBAR, IM_CONTEXT_MENU and IM_NAVIGATION): add it in the "
            "local application's settings in Bitrix24. "
            "After adding a scope, reinstall or re-authorize the application."
        ),
    ),
    "ERROR_PLACEMENT_MAX_COUNT": (
        N_("This placement allows only one handler per application, and one already exists."),
        N_(
            "REST_APP_URI and PAGE_BACKGROUND_WORKER take a single handler (the background worker: "
            "one general and one per user). Unbind the existing handler first, then bind again."
        ),
    ),
    "ERROR_PLACEMENT_USER_MODE": (
        N_("Only PAGE_BACKGROUND_WORKER can be bound for a single user."),
        N_("Clear the user ID field, or choose the PAGE_BACKGROUND_WORKER placement."),
    ),
    "EMPTY_ERROR_HANDLER_URL": (
        N_("PAGE_BACKGROUND_WORKER needs the errorHandlerUrl option."),
        N_(
            "Fill in the option errorHandlerUrl: Bitrix24 reports there when it removes a slow "
            "background worker."
        ),
    ),
    "ERROR_WRONG_HANDLER_URL": (
        N_("The handler URL has no valid host name."),
        N_(
            "Use a handler URL whose host contains a dot (localhost is refused) and that Bitrix24 "
            "can reach from the internet."
        ),
    ),
    "ERROR_UNSUPPORTED_PROTOCOL": (
        N_("The handler URL must start with http:// or https://."),
        N_("Correct the handler URL's scheme; https:// is recommended."),
    ),
    "INVALID_ERROR_CONTEXT": (
        N_("The messenger option 'context' has a value Bitrix24 does not accept."),
        N_(
            "Use ALL, USER, CHAT, LINES or CRM, upper case, several joined by ';' without "
            "spaces (for example USER;LINES)."
        ),
    ),
    "INVALID_ERROR_EXTRANET": (
        N_("The messenger option 'extranet' must be N or Y."),
        N_("Set extranet to N (hidden from extranet users) or Y (shown to them)."),
    ),
    "INVALID_ERROR_ROLE": (
        N_("The messenger option 'role' must be USER or ADMIN."),
        N_("Set role to USER (everyone) or ADMIN (portal administrators only)."),
    ),
    "INVALID_ERROR_ICON_NAME": (
        N_("The messenger option 'iconName' is not a valid icon name."),
        N_(
            "Use a Font Awesome 4 icon name of at most 50 characters made of Latin letters, "
            "spaces and '-' (for example fa-rocket)."
        ),
    ),
    "EMPTY_ERROR_ICON_NAME": (
        N_("The messenger option 'iconName' is empty."),
        N_("This placement needs an icon: fill in iconName (for example fa-rocket)."),
    ),
    "INVALID_ERROR_COLOR": (
        N_("The messenger option 'color' is not one of Bitrix24's colour names."),
        N_(
            "Pick one of the 17 messenger colours (upper case, for example LIGHT_BLUE) or leave "
            "the colour empty."
        ),
    ),
    "INVALID_ERROR_WIDTH": (
        N_("The option 'width' must be zero or a positive percentage."),
        N_("Enter a width of 0 or more (percent; 100 is the default)."),
    ),
    "INVALID_ERROR_HEIGHT": (
        N_("The option 'height' must be zero or a positive percentage."),
        N_("Enter a height of 0 or more (percent; 100 is the default)."),
    ),
    "ERROR_CORE": (
        N_("The portal could not save the widget."),
        N_(
            "Read the server's description in the details. A duplicate handler or a language row "
            "without a title are the usual causes."
        ),
    ),
    "ERROR_CORE/duplicate": (
        N_("This handler URL is already registered for this placement."),
        N_(
            "Bitrix24 does not update an existing widget. To change its titles or options, "
            "select it in Installed widgets and choose Edit (or use “b24admin sync”): b24admin "
            "unbinds and binds it again, and puts the original back if the new bind fails. To "
            "have two widgets in one placement, give them different handler URLs (for example "
            "a different query string)."
        ),
    ),
    "ERROR_CORE/language": (
        N_("The portal could not save the widget's language rows."),
        N_(
            "Give every LANG_ALL row a title. The widget itself may already be registered: "
            "refresh the list, unbind it if it is there, then bind again."
        ),
    ),
    "ERROR_HANDLER_URL_MATCH": (
        N_("The handler's host differs from the application's own address."),
        N_(
            "Older Bitrix24 versions require the handler on the same host as the application "
            "URL. Use a handler on that host, or change the application's URL."
        ),
    ),
    "ERROR_NOT_FOUND": (
        N_("The portal did not find the item to change."),
        N_("Refresh the list: the item may have been removed already."),
    ),
    # --- system errors (_includes/system-errors.md) ----------------------------------------
    "INTERNAL_SERVER_ERROR": (
        N_("The portal had an internal error."),
        N_("Try again in a few minutes. If it persists, contact Bitrix24 support."),
    ),
    "ERROR_UNEXPECTED_ANSWER": (
        N_("The portal gave an unexpected answer."),
        N_("Try again in a few minutes. If it persists, contact Bitrix24 support."),
    ),
    "QUERY_LIMIT_EXCEEDED": (
        N_("The portal's request rate limit was exceeded."),
        N_(
            "The portal refused the call before running it, so nothing was changed. Wait a "
            "little and try again. The limit is counted per portal and shared with every "
            "application that calls it from the same server address."
        ),
    ),
    "OPERATION_TIME_LIMIT": (
        N_("This method used up its time budget on the portal for now."),
        N_("Wait about ten minutes before calling it again; other methods still work."),
    ),
    "OVERLOAD_LIMIT": (
        N_("The portal has blocked REST calls."),
        N_("This block is set by hand at Bitrix24: contact Bitrix24 support."),
    ),
    "ERROR_BATCH_METHOD_NOT_ALLOWED": (
        N_("This method cannot run inside a batch."),
        N_("Call the method on its own instead of in a batch (batches cannot be nested)."),
    ),
    "ERROR_BATCH_LENGTH_EXCEEDED": (
        N_("A batch may hold at most 50 commands."),
        N_("Split the work into batches of 50 commands or fewer."),
    ),
    "NO_AUTH_FOUND": (
        N_("The portal did not accept the credentials."),
        N_(
            "The access token or webhook code is wrong or was revoked. For a local application "
            "sign in again; for a webhook check its URL in Bitrix24 (webhooks can expire)."
        ),
    ),
    "INVALID_REQUEST": (
        N_("The portal requires HTTPS."),
        N_("Use the portal address with https://."),
    ),
    "INVALID_CREDENTIALS": (
        N_("The user lacks the permissions for this call."),
        N_("Sign in as a user with the required rights (placement calls need an administrator)."),
    ),
    "ERROR_MANIFEST_IS_NOT_AVAILABLE": (
        N_("The requested manifest is not available on this portal."),
        N_("Check the manifest code; it may not exist on this portal or plan."),
    ),
    "insufficient_scope": (
        N_("The application's token lacks a scope this call needs."),
        N_(
            "Add the missing scope to the local application in Bitrix24 (for example "
            "'placement'), then sign in again so the new token carries it."
        ),
    ),
    # user.get / user.search for choosing USER_ID (api-reference/user/user-get.md).
    "insufficient_scope/users": (
        N_(
            "This token may not read the portal's users: it lacks the user, user_basic or "
            "user_brief scope."
        ),
        N_(
            "Type the user id instead, or add the user_brief scope to the local application "
            "in Bitrix24 and sign in again."
        ),
    ),
    "expired_token": (
        N_("The access token has expired."),
        N_(
            "b24admin renews it automatically once; if you see this, the renewal failed too. "
            "Open the profile and sign in again (or paste fresh tokens)."
        ),
    ),
    "user_access_error": (
        N_("The portal administrator restricted this application to certain users."),
        N_("Sign in as a user who may use the application, or widen its access in Bitrix24."),
    ),
    "PORTAL_DELETED": (
        N_("The portal was deleted or its public part is closed."),
        N_("Check the portal address. If it is right, contact the portal's owner."),
    ),
    # --- OAuth server errors (settings/oauth/error-codes.md) -------------------------------
    "invalid_request": (
        N_("The OAuth server rejected the request as malformed."),
        N_("Check the OAuth server address and the client_id; then sign in again."),
    ),
    "invalid_client": (
        N_("The OAuth server does not accept this application's keys."),
        N_(
            "Check the client_id and client_secret of the local application, and that the "
            "application is installed on the portal."
        ),
    ),
    "invalid_scope": (
        N_("The OAuth server refused the requested scope."),
        N_("Check the scopes configured for the local application in Bitrix24."),
    ),
    "invalid_grant": (
        N_("The sign-in is no longer valid (the refresh token or code expired or was used)."),
        N_(
            "Open the profile and sign in again (or paste fresh tokens) so b24admin gets a new "
            "access token and refresh token. An authorization code lives only 30 seconds and "
            "works once."
        ),
    ),
    "PAYMENT_REQUIRED": (
        N_("The application needs a paid subscription on this portal."),
        N_("Renew the portal's Market subscription or the application's payment, then retry."),
    ),
    # --- b24admin's own --------------------------------------------------------------------
    "DESKTOP_ENTRY_UNSUPPORTED": (
        N_("This system has no freedesktop menu, so there is no desktop entry to install."),
        N_(
            "Desktop entries are how Linux and BSD desktops list programs. On Windows and macOS, "
            "start b24admin from its bundle and pin it to the taskbar or the Dock."
        ),
    ),
    "COMMAND_NOT_FOUND": (
        N_("The installed b24admin command was not found, so a menu entry would start nothing."),
        N_(
            "Install b24admin first (pipx install . in the source folder, or from a built "
            "wheel), check that its folder is on PATH, then run b24admin desktop-entry install "
            "again."
        ),
    ),
    "DESKTOP_ENTRY_WRITE_FAILED": (
        N_("Could not write or remove {argument}."),
        N_(
            "Check that the folder is yours and writable (it is under $XDG_DATA_HOME, by "
            "default ~/.local/share). The system says: {description}"
        ),
    ),
    "NETWORK_ERROR": (
        N_("The connection to the server failed."),
        N_("Check the address, your internet connection, and any proxy or firewall; then retry."),
    ),
    "NETWORK_ERROR/write": (
        N_("The connection broke after the request was sent; the change may have been made."),
        N_(
            "Refresh the list and check whether the change is there before retrying; then "
            "check your connection and any proxy."
        ),
    ),
    "TIMEOUT": (
        N_("The portal did not finish answering within {seconds} s."),
        N_(
            "The portal, or a proxy on the way, is slow or stalled. Try again later, or allow "
            "more time with --timeout SECONDS (or B24ADMIN_TIMEOUT)."
        ),
    ),
    "TIMEOUT/read": (
        N_("The server did not answer in time."),
        N_(
            "Try again later. If this was a change (bind or unbind), the portal may have done "
            "it anyway: refresh the list and check before retrying."
        ),
    ),
    "TIMEOUT/connect": (
        N_("Could not connect to the server in time; nothing was sent."),
        N_("Check the address, your internet connection and any proxy, then try again."),
    ),
    "TIMEOUT/write": (
        N_(
            "The portal did not finish answering within {seconds} s, so the change may or may "
            "not have been made."
        ),
        N_(
            "Refresh the list and check whether the change is there before retrying: the "
            "request was sent and the portal may have done it. To allow more time, use "
            "--timeout SECONDS (or B24ADMIN_TIMEOUT)."
        ),
    ),
    "TIMEOUT/oauth": (
        N_("The OAuth server did not finish answering within {seconds} s."),
        N_(
            "Try again later, or allow more time with --timeout SECONDS (or B24ADMIN_TIMEOUT). "
            "If this was a token renewal, sign in again if the next call fails too."
        ),
    ),
    "BAD_TIMEOUT": (
        N_("The time limit {argument} “{value}” is not a positive number of seconds."),
        N_("Give the whole-call deadline in seconds, for example 60 or 2.5 (the default is 60)."),
    ),
    "ANSWER_TOO_LARGE": (
        N_("The answer was larger than {limit}, so b24admin stopped reading it."),
        N_(
            "Bitrix24 answers are far smaller: the address probably leads to something else "
            "(a file download, a proxy's or an error page). Check the address."
        ),
    ),
    "REDIRECT": (
        N_("The server answered with a redirect (HTTP {status}) to {location}."),
        N_(
            "b24admin does not follow redirects, because they would carry your credentials "
            "elsewhere. Likely causes: the portal moved to a new address (update the profile), "
            "the address uses http:// instead of https://, or a proxy sends you to its login "
            "page. Open the address in a browser to see which."
        ),
    ),
    "REDIRECT/https": (
        N_("The server redirects from http:// to https:// ({location})."),
        N_(
            "Change the address in the profile to start with https://. b24admin does not follow "
            "redirects, because they would carry your credentials elsewhere."
        ),
    ),
    "REDIRECT/elsewhere": (
        N_("The server answered with a redirect (HTTP {status}) to another host: {location}."),
        N_(
            "b24admin does not follow redirects, because they would carry your credentials "
            "elsewhere. Likely causes: the portal moved to a new address (if you trust the new "
            "one, put it in the profile), or a proxy or captive portal sends you to its login "
            "page (sign in to the network in a browser, then retry)."
        ),
    ),
    "REDIRECT/nowhere": (
        N_("The server answered with a redirect (HTTP {status}) without saying where to."),
        N_(
            "A proxy or the portal's front end is misconfigured, or the address is not a "
            "Bitrix24 portal. Open the address in a browser and check it."
        ),
    ),
    "TLS_ERROR": (
        N_("The secure connection failed (certificate or TLS problem)."),
        N_(
            "Check the address. A proxy that intercepts HTTPS, or a wrong system clock, also "
            "causes this. b24admin never skips certificate checks."
        ),
    ),
    "HTML_RESPONSE": (
        N_("The server answered with a web page instead of a Bitrix24 answer."),
        N_(
            "A proxy or the portal's front end failed (for example '502 Bad Gateway'), or the "
            "address is not a Bitrix24 portal. Check the address and try again later."
        ),
    ),
    "EMPTY_RESPONSE": (
        N_("The server sent an empty answer."),
        N_(
            "Try again later. If this was a change, refresh the list first to see whether it "
            "was done."
        ),
    ),
    "MALFORMED_RESPONSE": (
        N_("The server's answer could not be understood."),
        N_(
            "The answer was cut off or is not a Bitrix24 answer. Check the address, refresh "
            "the list, and try again."
        ),
    ),
    "MALFORMED_RESPONSE/syntax": (
        N_("The answer to {where} could not be understood."),
        N_(
            "The answer was cut off or is not a Bitrix24 answer. Check the address, refresh "
            "the list, and try again."
        ),
    ),
    "MALFORMED_RESPONSE/depth": (
        N_("The answer to {where} nests deeper than {limit} levels, so b24admin did not read it."),
        N_(
            "No Bitrix24 answer looks like this: a proxy or filter on the way, or a broken "
            "module on the portal, sent it. Try again; if it persists, copy the details for "
            "the portal's administrator or Bitrix24 support."
        ),
    ),
    "MALFORMED_RESPONSE/number": (
        N_("The answer to {where} holds a number no computer can store ({token})."),
        N_(
            "No Bitrix24 answer holds such a number: a proxy or filter on the way, or a broken "
            "module on the portal, sent it. Try again; if it persists, copy the details for "
            "the portal's administrator or Bitrix24 support."
        ),
    ),
    "MALFORMED_RESPONSE/shape": (
        N_("The answer to {where} has a value of the wrong kind at {place}: {expected}."),
        N_(
            "b24admin did not guess what the portal meant. Refresh and try again; if it "
            "persists, the portal (or a module on it) answers in a way Bitrix24 does not "
            "document: copy the details for the portal's administrator or Bitrix24 support."
        ),
    ),
    "BIND_NOT_CONFIRMED": (
        N_("The portal did not confirm the widget (placement.bind answered {answer})."),
        N_(
            "Bitrix24 answers false when the handler was not registered. Refresh the list of "
            "installed widgets to see whether it is there, check the handler address and the "
            "placement, then bind again."
        ),
    ),
    "BAD_FILE/encoding": (
        N_("{where} is not UTF-8 text."),
        N_("Save the file as UTF-8 (every editor offers it) and run the command again."),
    ),
    "BAD_JSON_FILE/syntax": (
        N_("{where} is not valid JSON (line {line})."),
        N_("Correct the file at that line: a missing comma, quote or bracket is the usual cause."),
    ),
    "BAD_JSON_FILE/depth": (
        N_("{where} nests deeper than {limit} levels."),
        N_(
            "A widget's parameters nest only a few levels (OPTIONS, LANG_ALL). Check that this "
            "is the file you meant, and correct its brackets."
        ),
    ),
    "BAD_JSON_FILE/number": (
        N_("{where} holds a number no computer can store: {token}."),
        N_(
            "Write the number as it is meant (option values are short whole numbers or text); "
            "NaN and Infinity are not JSON."
        ),
    ),
    "BAD_JSON_FILE/duplicate": (
        N_("{where} has the key “{token}” twice in {place}."),
        N_(
            "Remove one of them. JSON readers keep only the last one, so the other would be "
            "ignored without a word."
        ),
    ),
    "BAD_JSON_FILE/shape": (
        N_("{where} has a value of the wrong kind at {place}: {expected}."),
        N_("Correct that value; docs/manifest.md shows the shape of every field."),
    ),
    "HTTPS_REQUIRED": (
        N_("b24admin refuses to send credentials over plain http."),
        N_(
            "Use an https:// address. Plain http is allowed only for this computer "
            "(localhost, 127.0.0.1, ::1), for example the sandbox portal."
        ),
    ),
    "INVALID_URL": (
        N_("The address is not a valid web address."),
        N_("Enter a full address such as https://example.bitrix24.com."),
    ),
    "HTTPS_REQUIRED/address": (
        N_("The {what} must start with https://."),
        N_(
            "b24admin sends tokens to this address, so it only talks to it over HTTPS "
            "(plain http is allowed for 127.0.0.1 and localhost only)."
        ),
    ),
    # The portal, OAuth server and webhook addresses of a profile; {what} names which one.
    "INVALID_URL/empty": (N_("Enter the {what}."), N_("For example {example}")),
    "INVALID_URL/malformed": (
        N_("The {what} is not a valid web address."),
        N_("It should look like {example}"),
    ),
    "INVALID_URL/credentials": (
        N_("The {what} must not contain a user name or password."),
        N_("Remove the part before “@”; it should look like {example}"),
    ),
    "INVALID_URL/port": (
        N_("The {what} has the port {port}, which does not exist."),
        N_(
            "A port is a whole number from 1 to 65535. Correct it, or remove it to use the "
            "usual port of https; it should look like {example}"
        ),
    ),
    "INVALID_URL/invisible": (
        N_("The {what} has an invisible or control character ({character}) in its host name."),
        N_(
            "Retype the host name by hand; such characters come along when an address is "
            "copied from a chat or a document. It should look like {example}"
        ),
    ),
    "INVALID_URL/not_webhook": (
        N_("This is not an incoming webhook URL."),
        N_("Copy the whole URL from the webhook's page in Bitrix24; it looks like {example}"),
    ),
    # --- trying a widget's handler (b24admin try-handler, the window's Try) ------------------
    "INVALID_HANDLER_URL": (
        N_("The handler address is not a web address: nothing was sent."),
        N_("Enter the full address of the handler, such as https://app.example.com/widget/."),
    ),
    "TOO_MANY_REDIRECTS": (
        N_("The handler redirected more than {description} times: the widget would stay blank."),
        N_("Follow the redirect chain below and make the handler answer without a loop."),
    ),
    "TIMEOUT/handler": (
        N_("The handler did not answer within the deadline: the widget would stay blank."),
        N_(
            "Make the handler answer faster (users wait in front of an empty frame), or check "
            "that its server is running and not blocked by a firewall."
        ),
    ),
    "TIMEOUT/connect/handler": (
        N_("Could not connect to the handler's server in time: the widget would stay blank."),
        N_("Check the handler address, that its server is running, and any firewall or proxy."),
    ),
    "TLS_ERROR/handler": (
        N_("The handler's certificate was refused: browsers would not open it in the portal."),
        N_(
            "Give the handler's server a certificate from a public authority for its exact host "
            "name (for example Let's Encrypt); self-signed and expired certificates fail."
        ),
    ),
    "NETWORK_ERROR/handler": (
        N_("The handler could not be reached: the widget would stay blank."),
        N_("Check the handler address and that its server is running and reachable."),
    ),
    "BATCH_DUPLICATE_KEY": (
        N_("Two batch commands share the same key."),
        N_("Give every command in a batch its own key."),
    ),
    "REDIRECT_PORT_BUSY": (
        N_("The sign-in helper could not listen on its local port."),
        N_(
            "Another program (or another b24admin window) uses the port. Close it and try "
            "again, or paste the redirect URL instead."
        ),
    ),
    "OAUTH_STATE_MISMATCH": (
        N_("The sign-in answer does not belong to this sign-in attempt."),
        N_("Start the sign-in again from b24admin and complete it in the browser window it opens."),
    ),
    "OAUTH_NO_CODE": (
        N_("No authorization code was found."),
        N_("Paste the whole address the browser was sent to after signing in, or just its code."),
    ),
    "OAUTH_DENIED": (
        N_("The portal did not authorize the application."),
        N_("Sign in as an administrator and allow the application's access."),
    ),
    "SIGN_IN_TIMEOUT": (
        N_("The sign-in in the browser was not finished in time."),
        N_(
            "Start again. Check that the local application's handler path is exactly the "
            "redirect URL b24admin shows."
        ),
    ),
    "SIGN_IN_CANCELLED": (
        N_("The sign-in was cancelled."),
        N_("Start the sign-in again when you are ready."),
    ),
    # --- profiles, their file and their secrets --------------------------------------------
    "INVALID_PROFILE_NAME": (
        N_("Enter a name for the profile."),
        N_("Any short name that tells the portals apart will do, for example “production”."),
    ),
    "INVALID_PROFILE_NAME/too_long": (
        N_("The profile name is too long ({length} characters)."),
        N_("Use at most {limit} characters."),
    ),
    "INVALID_PROFILE_NAME/invisible": (
        N_("The profile name contains invisible control characters."),
        N_("Type the name again using letters, digits, spaces and punctuation."),
    ),
    "INVALID_CHOICE": (
        N_("“{value}” is not a valid value for {argument}."),
        N_("Use one of: {allowed}."),
    ),
    "MISSING_CLIENT_ID": (
        N_("Enter the local application's client_id."),
        N_(
            "It is shown on the local application's page in Bitrix24 (Developer resources), "
            "e.g. local.1a2b3c4d5e6f7.12345678."
        ),
    ),
    "INVALID_CLIENT_ID": (
        N_("The client_id must not contain spaces."),
        N_("Copy the client_id again from the local application's page in Bitrix24."),
    ),
    "PROFILE_EXISTS": (
        N_("A profile named “{name}” already exists."),
        N_("Choose another name, or edit that profile instead."),
    ),
    "NO_SUCH_PROFILE": (
        N_("There is no profile named “{name}”."),
        N_("See “b24admin profile list”, or add one with “b24admin profile add”."),
    ),
    "PROFILE_BROKEN/not_object": (
        N_("Profile entry #{number} is not an object."),
        BROKEN_PROFILE_ADVICE,
    ),
    "PROFILE_BROKEN/missing": (
        N_("The profile {label} has no {keys}."),
        BROKEN_PROFILE_ADVICE,
    ),
    "PROFILE_BROKEN/wrong_type": (
        N_("The profile {label} has a wrong value for “{key}”."),
        BROKEN_PROFILE_ADVICE,
    ),
    "PROFILE_BROKEN/invalid": (
        N_("The profile {label} cannot be used: {description}"),
        BROKEN_PROFILE_ADVICE,
    ),
    "PROFILE_BROKEN/duplicate": (
        N_("The profile {label} (entry #{number}) has the same name as entry #{first}."),
        BROKEN_PROFILE_ADVICE,
    ),
    "PROFILES_FILE_TOO_NEW": (
        N_(
            "The profiles in {path} were saved by a newer b24admin (format {version}; this "
            "version reads format {supported})."
        ),
        N_("Update b24admin. The file was left as it is."),
    ),
    "PROFILES_FILE_CORRUPT/unreadable": (
        N_("The profiles file {path} could not be read ({description})."),
        PROFILES_FILE_ADVICE,
    ),
    "PROFILES_FILE_CORRUPT/too_large": (
        N_("The profiles file {path} is larger than {limit} bytes: it is not a profiles file."),
        PROFILES_FILE_ADVICE,
    ),
    "PROFILES_FILE_CORRUPT/not_json": (
        N_("The profiles file {path} is not valid JSON ({description})."),
        PROFILES_FILE_ADVICE,
    ),
    "PROFILES_FILE_CORRUPT/too_deep": (
        N_("The profiles file {path} is nested too deeply to be a profiles file."),
        PROFILES_FILE_ADVICE,
    ),
    "PROFILES_FILE_CORRUPT/no_version": (
        N_("The profiles file {path} cannot be used: it has no schema_version."),
        PROFILES_FILE_ADVICE,
    ),
    "PROFILES_FILE_CORRUPT/not_list": (
        N_("The profiles file {path} cannot be used: “profiles” is not a list."),
        PROFILES_FILE_ADVICE,
    ),
    "PROFILES_WRITE_FAILED": (
        N_("The profiles could not be saved to {path}."),
        N_(
            "Check that the folder is writable and the disk is not full ({description}). "
            "Nothing was changed: secrets stored for this change were removed again."
        ),
    ),
    "LOCK_TIMEOUT/profiles": (
        N_("Another b24admin kept the profiles file busy for more than {seconds} s."),
        N_(
            "Another b24admin window or command is changing the profiles (it may be waiting "
            "for the keyring to be unlocked). Let it finish or close it, then try again."
        ),
    ),
    "LOCK_TIMEOUT/tokens": (
        N_("Another b24admin has been renewing the sign-in of “{name}” for more than {seconds} s."),
        N_(
            "Another b24admin window or command is renewing this profile's tokens. Let it "
            "finish or close it, then try again; the sign-in itself is kept."
        ),
    ),
    "LOCK_FAILED": (
        N_("b24admin could not create a lock file in {folder}."),
        N_(
            "Check that the folder is writable (the config folder, or B24ADMIN_CONFIG_DIR) and "
            "the disk is not full, then try again."
        ),
    ),
    "SECRETS_MISSING": (
        N_("The profile “{name}” is missing {secrets}."),
        N_("Edit the profile and enter them again (or sign in again)."),
    ),
    "SECRETS_MISSING/session": (
        N_("The profile “{name}” is missing {secrets}."),
        N_(
            "Secrets of a session-only profile are forgotten when b24admin quits. Edit the "
            "profile and enter them again (or sign in again)."
        ),
    ),
    "UNEXPECTED_ERROR": (
        N_("Something unexpected went wrong inside b24admin."),
        N_("Nothing was lost. Copy the details and report them to the b24admin developers."),
    ),
    "UNEXPECTED_SECRET": (
        N_("A {auth} profile has no {secret}."),
        N_("Leave that secret out, or choose the kind of profile that uses it."),
    ),
    "WEBHOOK_PORTAL_MISMATCH": (
        N_("The webhook belongs to {portal}, not to {profile_portal}."),
        N_("Use the portal address from the webhook URL, or a webhook of this portal."),
    ),
    # --- the system keyring ------------------------------------------------------------------
    "KEYRING_UNAVAILABLE": (
        N_("No system keyring is available to keep secrets."),
        N_(
            "Install or start a keyring service (GNOME Keyring or KWallet on Linux; macOS and "
            "Windows have one built in), or use this profile for this session only: its secrets "
            "are then kept in memory and forgotten when b24admin quits. b24admin never stores "
            "secrets in a file."
        ),
    ),
    "KEYRING_UNAVAILABLE/init": (
        N_("The system keyring could not be opened."),
        N_(
            "Check that the keyring service is running. Or use this profile for this session "
            "only: its secrets are then kept in memory and forgotten when b24admin quits. "
            "b24admin never stores secrets in a file."
        ),
    ),
    "KEYRING_LOCKED": (
        N_("The system keyring is locked; unlock it and try again."),
        N_(
            "Unlock the keyring (log in to the desktop session, or use your keyring manager), "
            "then repeat what you were doing."
        ),
    ),
    "KEYRING_WRITE_FAILED": (
        N_("The system keyring refused to store the secret."),
        N_(
            "Check that the keyring service is running and unlocked, then try again; or use "
            "this profile for this session only."
        ),
    ),
    "KEYRING_WRITE_FAILED/delete": (
        N_("The system keyring could not delete a secret."),
        N_(
            "Check that the keyring is unlocked, then try again. You can also delete the "
            "“{service}” entries in your keyring manager."
        ),
    ),
    "KEYRING_READ_FAILED": (
        N_("The system keyring could not be read."),
        N_("Check that the keyring service is running and unlocked, then try again."),
    ),
    "KEYRING_TIMEOUT": (
        N_("The system keyring ({backend}) did not answer within {seconds} s."),
        N_(
            "It is probably waiting to be unlocked: look for an unlock prompt (it may be behind "
            "other windows or on another screen), unlock the keyring in your keyring manager, "
            "then try again. Or, in the window, choose session-only use for this profile: its "
            "secrets are then kept in memory and forgotten when b24admin quits. b24admin never "
            "stores secrets in a file. A slow keyring can be given longer with "
            "B24ADMIN_KEYRING_TIMEOUT (seconds)."
        ),
    ),
    # --- the command line's arguments and standard input -----------------------------------
    "BAD_SECRETS_JSON": (
        N_("Standard input is not one JSON object with the secrets."),
        N_('Pipe e.g. {{"client_secret": "...", "access_token": "...", "refresh_token": "..."}}.'),
    ),
    "BAD_SECRETS_JSON/not_object": (
        N_("Standard input must be one JSON object."),
        N_('Pipe the secrets as one object, e.g. {{"webhook_url": "..."}}.'),
    ),
    "MISSING_SECRETS/stdin": (
        N_("These secrets are missing from standard input: {names}."),
        N_("Add them to the JSON object you pipe in."),
    ),
    "SANDBOX_PORT_UNAVAILABLE": (
        N_("The sandbox portal cannot listen on port {port}."),
        N_("Another program probably uses it: stop it, or pick another port with --port."),
    ),
    "MISSING_SECRETS/prompt": (
        N_("No {name} was entered."),
        N_("Run the command again and type (or paste) it at the hidden prompt."),
    ),
    "MISSING_ARGUMENT/profile_add": (
        N_("A local-application profile needs --portal and --client-id."),
        N_("Find the client_id (local.XXXX.XXXX) on the local application's page in Bitrix24."),
    ),
    "MISSING_ARGUMENT/profile_remove": (
        N_("profile remove needs NAME or --entry N."),
        N_("See “b24admin profile list” for the names and the numbers of broken entries."),
    ),
    "MISSING_ARGUMENT/bind": (
        N_("bind needs --placement and --handler (or --from FILE.json)."),
        N_("Example: b24admin bind --profile NAME --placement LEFT_MENU --handler https://..."),
    ),
    "BAD_LANG": (
        N_("--lang {spec} is not CODE:TITLE[:DESCRIPTION[:GROUP_NAME]]."),
        N_("Example: --lang de:Werkzeuge"),
    ),
    "BAD_OPTION": (
        N_("--option {spec} is not KEY=VALUE."),
        N_("Example: --option iconName=fa-rocket"),
    ),
    # --- manifests (docs/manifest.md): reading, writing and checking the file ---------------
    "BAD_MANIFEST/unreadable": (
        N_("Cannot read {path}: {reason}."),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/not_utf8": (
        N_("{path} is not UTF-8 text."),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/unwritable": (
        N_("Cannot write {path}: {reason}."),
        N_("Choose another file or folder."),
    ),
    "BAD_MANIFEST/not_manifest": (
        N_('{source} is not a b24admin manifest (no "format": "{format}").'),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/bad_version": (
        N_("{source} has no valid format version ({version})."),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/newer_version": (
        N_("{source} has format version {version}; this b24admin reads up to version {supported}."),
        N_("Update b24admin, or export the manifest again with this version."),
    ),
    "BAD_MANIFEST/unknown_top_keys": (
        N_("{source} has unknown top-level keys: {keys}."),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/bad_description": (
        N_('{source}: "description" must be text.'),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/no_bindings": (
        N_('{source} has no "bindings" list.'),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/repeated": (
        N_(
            "Binding {index} in {source} repeats {placement} → {handler}: the portal keeps "
            "one widget per placement, handler and user."
        ),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/not_object": (
        N_("Binding {index} in {source} is not a JSON object of placement.bind parameters."),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/unknown_keys": (
        N_("Binding {index} in {source} has unknown keys: {keys}."),
        N_("Bindings use placement.bind's parameter names: {names}."),
    ),
    "BAD_MANIFEST/missing_key": (
        N_("Binding {index} in {source} has no {name}."),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/bad_option": (
        N_("Binding {index} in {source}: OPTIONS.{key} must be text or a whole number."),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_MANIFEST/bad_binding": (
        N_("Binding {index} in {source}: {reason}."),
        N_("Check the file against docs/manifest.md, or export it again."),
    ),
    "BAD_FILE/unreadable": (
        N_("Cannot read {path}: {reason}."),
        N_("Check the path and that the file can be read."),
    ),
    "BAD_FILE/invalid": (
        N_("{path} is not valid placement.bind parameters: {reason}."),
        N_(
            "The file holds one JSON object with the parameters as the Bitrix24 documentation "
            "writes them (PLACEMENT, HANDLER, TITLE, OPTIONS, LANG_ALL, ...)."
        ),
    ),
    # --- the window's own checks ------------------------------------------------------------
    "MISSING_CLIENT_SECRET": (
        N_("There is no client_secret for this profile."),
        N_("Enter the local application's client_secret in the profile dialog."),
    ),
    # A safe edit that did not apply: the summary is the edit's outcome in words (from
    # core/safe_edit.py); the advice depends on where the edit stopped.
    "EDIT_FAILED": (
        N_("{outcome}"),
        N_("Your edit is still in the form; nothing on the portal changed."),
    ),
    "EDIT_FAILED/restored": (
        N_("{outcome}"),
        N_("Correct what the portal refused and press Bind again: your edit is in the form."),
    ),
    "EDIT_FAILED/unknown": (
        N_("{outcome}"),
        N_("Press Refresh in Installed widgets to see what is bound now, then Bind again."),
    ),
    "EDIT_FAILED/lost": (
        N_("{outcome}"),
        N_("Press Bind again to register your edit, or Refresh to see what is bound."),
    ),
}

UNKNOWN: Explanation = (
    N_("The server answered with the error {code}: {description}"),
    N_(
        "b24admin does not know this error. Read the server's words above; if they do not help, "
        "copy the details and search the Bitrix24 REST documentation for the code."
    ),
)


def _variant(code: str, description: str) -> str:
    """Pick the precise entry when one code covers several situations (ERROR_CORE: duplicate or
    language row)."""
    text = description.lower()
    if code == "ERROR_CORE":
        if "already binded" in text or "already bound" in text:
            return "ERROR_CORE/duplicate"
        if "language" in text:
            return "ERROR_CORE/language"
    return code


def is_duplicate_handler(error: B24Error) -> bool:
    """True when the portal refused a bind because the placement already has this handler
    ("Handler already binded", api-reference/widgets/placement-bind.md)."""
    return _variant(error.code, error.description) == "ERROR_CORE/duplicate"


def no_application_context(code: str, description: str = "") -> bool:
    """True when the portal refused a call for want of an application's token (a webhook was
    used): WRONG_AUTH_TYPE, or the ACCESS_DENIED "Application context required" that app.info
    answers a webhook (api-reference/common/system/app-info.md)."""
    if code == "WRONG_AUTH_TYPE":
        return True
    return code == "ACCESS_DENIED" and "application context" in description.lower()


def explain(
    code: str,
    description: str = "",
    argument: str = "",
    values: Mapping[str, object] | None = None,
) -> Explanation:
    """Return ``(summary, advice)`` for ``code``, in plain words for an administrator.

    ``description`` (the server's ``error_description``) picks between situations that share a
    code and fills the generic text of unknown codes; ``argument`` names the field in
    ``ERROR_ARGUMENT``; ``values`` fill an entry's other placeholders (``{name}``, ``{path}``).
    The texts come back translated into the chosen language; the server's own words
    (``description``) and the values are filled in as given.
    """
    key = _variant(code, description)
    if no_application_context(key, description):
        summary, advice = CATALOGUE["WRONG_AUTH_TYPE"]
    elif key in CATALOGUE:
        summary, advice = CATALOGUE[key]
    else:
        # OAuth codes are lower case and system codes upper case; INVALID_REQUEST and
        # invalid_request differ, so only fall back to a case-insensitive match when needed.
        folded = {k.lower(): v for k, v in CATALOGUE.items()}
        if key.lower() in folded:
            summary, advice = folded[key.lower()]
        else:
            summary, advice = UNKNOWN
    words = description.strip() or _("(no description)")
    field = argument.strip() or _("(not named)")
    fill = _Fill({**(values or {}), "code": code, "description": words, "argument": field})
    return _(summary).format_map(fill), _(advice).format_map(fill)


class _Fill(dict[str, object]):
    """Placeholder values; one nobody gave stays visible as ``{name}`` rather than raising
    while an error is being reported."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
