using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.MessageActivity;

/// <summary>
/// Contact Details > Message Activity: a self-contained HTML fragment for the popup's tab, and the
/// contact's activity as CSV. A contact of another sender code is a 404, like any missing one.
/// </summary>
[Route("contacts/{contactId:long}/activity")]
public sealed class MessageActivityController(ContactActivity activity) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(SenderCodeOption senderCode, long contactId, CancellationToken ct)
    {
        var contact = await activity.FindContactAsync(senderCode.Id, contactId, ct);
        if (contact is null)
        {
            return NotFound();
        }

        return PartialView("_Activity", await activity.RecentAsync(senderCode.Id, contact, ct));
    }

    [HttpGet("export")]
    public async Task Export(SenderCodeOption senderCode, long contactId, CancellationToken ct)
    {
        var contact = await activity.FindContactAsync(senderCode.Id, contactId, ct);
        if (contact is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Streamed straight to the response: a contact's history can be long.
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"message-activity-{contact.Phone.TrimStart('+')}.csv\"";
        Response.Headers.CacheControl = "no-store";
        await ActivityCsv.WriteAsync(Response.Body, contact, activity.AllAsync(senderCode.Id, contact.Id), ct);
    }
}
