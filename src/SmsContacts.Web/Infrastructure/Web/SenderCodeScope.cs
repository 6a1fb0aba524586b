using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Web.Infrastructure.Web;

public sealed record SenderCodeOption(int Id, string Code, string Name, string CountryCode)
{
    public string Label => string.IsNullOrWhiteSpace(Name) ? Code : $"{Code} – {Name}";
}

/// <summary>How the sender code of a request was decided.</summary>
public enum SenderCodeSource
{
    /// <summary>The user may use no sender code (none exists, or none is assigned to a Marketer).</summary>
    None,

    /// <summary>The page the request came from named it (a form's hidden field, an htmx header, a link's query).</summary>
    Page,

    /// <summary>The page named a sender code this user may not use (any more): the request is refused.</summary>
    Refused,

    /// <summary>The browser session's choice, or the user's default when the session has not chosen yet.</summary>
    Session,
}

/// <param name="Current">The sender code this request works in; null when <paramref name="Source"/> is None or Refused.</param>
/// <param name="All">The sender codes the user may use, by code: every one for an Admin, the assigned ones for a Marketer.</param>
/// <param name="InSession">The code a request that names none works in (this browser session's); differs from
/// <paramref name="Current"/> when a stale page names another one.</param>
public sealed record SenderCodeChoice(SenderCodeOption? Current, IReadOnlyList<SenderCodeOption> All, SenderCodeSource Source, SenderCodeOption? InSession)
{
    /// <summary>True when the request works in another code than a plain request of this browser would: its redirects must say which.</summary>
    public bool DiffersFromSession => Source == SenderCodeSource.Page && Current?.Id != InSession?.Id;
}

/// <summary>
/// The sender code a request works in, resolved once per request from, in order:
/// <list type="number">
/// <item>the page the request came from: every form carries the sender code its page showed (the hidden field
/// <see cref="PageField"/>), htmx requests send it as <see cref="PageHeader"/>, and a link may carry it in the
/// query. So an action from a stale tab applies to what that tab showed, not to what another tab picked since.
/// A page's sender code the user may not use refuses the request (<see cref="SenderCodeSource.Refused"/>);</item>
/// <item>the browser session's choice (the session cookie <see cref="SessionCookie"/>, set by the switch), so
/// two browsers of one user work in two codes;</item>
/// <item>the user's default (<c>AppUser.SelectedSenderCodeId</c>, the last code switched to), then the first
/// code the user may use.</item>
/// </list>
/// Only codes <see cref="SenderCodeAccess"/> allows are ever current.
/// </summary>
public sealed class SenderCodeScope(AppDbContext db, IHttpContextAccessor http, SenderCodeAccess access)
{
    /// <summary>The form field (and query parameter) that carries the sender code a page showed, by id.</summary>
    public const string PageField = "pageSenderCodeId";

    /// <summary>The request header htmx requests carry the page's sender code in (set by site.js).</summary>
    public const string PageHeader = "X-Page-Sender-Code";

    /// <summary>The browser-session cookie that holds the sender code picked in this browser, by id.</summary>
    public const string SessionCookie = "SmsContacts.SenderCode";

    private SenderCodeChoice? _choice;

    public async Task<SenderCodeChoice> GetAsync(CancellationToken ct = default)
    {
        if (_choice is not null)
        {
            return _choice;
        }

        var userId = CurrentUserId();
        var allowed = await access.AllowedAsync(userId, ct);
        var all = await db.SenderCodes.AsNoTracking()
            .Where(s => allowed.Contains(s.Id))
            .OrderBy(s => s.Code)
            .Select(s => new SenderCodeOption(s.Id, s.Code, s.Name, s.CountryCode))
            .ToListAsync(ct);

        var sessionId = SessionSenderCodeId();
        var inSession = all.FirstOrDefault(s => s.Id == sessionId);
        if (inSession is null && userId is not null && all.Count > 0)
        {
            var defaultId = await db.Users.Where(u => u.Id == userId).Select(u => u.SelectedSenderCodeId).FirstOrDefaultAsync(ct);
            inSession = all.FirstOrDefault(s => s.Id == defaultId) ?? all[0];

            // The session keeps the code it started in, even when another browser switches the default later.
            RememberInSession(inSession.Id);
        }

        if (PageSenderCodeId() is { } pageId)
        {
            var fromPage = all.FirstOrDefault(s => s.Id == pageId);
            return _choice = new SenderCodeChoice(fromPage, all, fromPage is null ? SenderCodeSource.Refused : SenderCodeSource.Page, inSession);
        }

        return _choice = new SenderCodeChoice(inSession, all, inSession is null ? SenderCodeSource.None : SenderCodeSource.Session, inSession);
    }

    /// <summary>
    /// Switches this browser session to another sender code and makes it the user's default for the next sign-in.
    /// </summary>
    /// <returns>False when the sender code does not exist or the user may not use it (nothing changes).</returns>
    public async Task<bool> SelectAsync(int senderCodeId, CancellationToken ct = default)
    {
        var userId = CurrentUserId();
        if (userId is null || !await access.MayUseAsync(userId, senderCodeId, ct))
        {
            return false;
        }

        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SelectedSenderCodeId, senderCodeId), ct);
        RememberInSession(senderCodeId);
        _choice = null;
        return true;
    }

    private void RememberInSession(int senderCodeId)
    {
        if (http.HttpContext is not { Response.HasStarted: false } context)
        {
            return;
        }

        // A session cookie (no expiry): the next browser session starts from the user's default. Not HttpOnly:
        // site.js compares it with the page's code to keep a stale tab's links in the code that tab shows. It
        // grants nothing; every request checks the user may use the code it names.
        context.Response.Cookies.Append(SessionCookie, senderCodeId.ToString(CultureInfo.InvariantCulture), new CookieOptions
        {
            HttpOnly = false,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
    }

    /// <summary>Forgets the browser session's choice (at sign-in and sign-out), so the user's default applies.</summary>
    public static void ForgetSessionChoice(HttpContext context) => context.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" });

    private int? PageSenderCodeId()
    {
        var request = http.HttpContext?.Request;
        if (request is null)
        {
            return null;
        }

        string? value = request.Headers[PageHeader];
        if (string.IsNullOrEmpty(value) && request.HasFormContentType)
        {
            // Only a form MVC has already read (before binding any action's parameters): a streamed upload must not
            // be read here, and a form that cannot be read is answered 400/413 where it is read, not here.
            value = http.HttpContext!.Features.Get<IFormFeature>()?.Form?[PageField];
        }

        if (string.IsNullOrEmpty(value))
        {
            value = request.Query[PageField];
        }

        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // A value that is no id names no code this user may use: refused like a code of another brand.
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
    }

    private int? SessionSenderCodeId() =>
        http.HttpContext?.Request.Cookies[SessionCookie] is { } value
        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private string? CurrentUserId() => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
}
