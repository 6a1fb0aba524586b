using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Contacts;

/// <summary>Contacts > SMS Contacts: the three tabs, the sender code switch and the column chooser.</summary>
[Route("contacts")]
public sealed class ContactsController(ContactsDashboard dashboard, ColumnPreferences columns, SenderCodeScope senderCodes, DateDisplay dates) : Controller
{
    [HttpGet("/")]
    public IActionResult Home() => Redirect("/contacts");

    [HttpGet("")]
    public async Task<IActionResult> Index(SenderCodeOption senderCode, [FromQuery] DashboardRequest request, CancellationToken ct)
    {
        // The date filters are days of the zone the user reads dates in (the SMS List Dashboard's links count the same days).
        var model = await dashboard.LoadAsync(senderCode, request, UserId, ct, dates.Zone);

        // The search box asks for the grid alone as you type (htmx), and puts its address in the history;
        // going back to that address (a history restore) gets the whole page again.
        var gridOnly = Request.Headers.ContainsKey("HX-Request") && !Request.Headers.ContainsKey("HX-History-Restore-Request");
        return gridOnly ? PartialView("_Grid", model) : View(model);
    }

    [HttpPost("columns")]
    public async Task<IActionResult> Columns(string tab, string[] visible, string? returnUrl, CancellationToken ct)
    {
        tab = DashboardTab.Normalize(tab);
        await columns.SaveVisibleAsync(UserId, tab, visible, ct);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/contacts?tab={tab}");
    }

    [HttpPost("/sender-code")]
    public async Task<IActionResult> SelectSenderCode(int senderCodeId, string? returnUrl, CancellationToken ct)
    {
        if (!await senderCodes.SelectAsync(senderCodeId, ct))
        {
            // Another brand's code is refused as if it did not exist.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("/Features/Shared/SenderCodeRefused.cshtml");
        }

        // Filters of the old sender code (a list id) mean nothing in the new one: go back to the path only.
        var path = Url.IsLocalUrl(returnUrl) ? returnUrl.Split('?')[0] : "/contacts";
        return LocalRedirect(path);
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
