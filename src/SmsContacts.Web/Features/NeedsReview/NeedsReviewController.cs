using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.NeedsReview;

/// <summary>Contacts > Needs review: texts that might mean "stop", for any signed-in user of the sender code to decide.</summary>
[Route("contacts/needs-review")]
public sealed class NeedsReviewController(NeedsReviewQueue queue) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(SenderCodeOption senderCode, CancellationToken ct)
    {
        ViewData["SenderCode"] = senderCode;
        return View(await queue.LoadAsync(senderCode.Id, ct));
    }

    [HttpPost("{id:long}/opt-out")]
    public async Task<IActionResult> OptOut(SenderCodeOption senderCode, long id, CancellationToken ct)
    {
        var outcome = await queue.OptOutAsync(senderCode.Id, id, User.AsConsentActor(ConsentSource.UserAction), ct);
        return Decided(outcome, "The number is opted out (reason: STOP keyword).");
    }

    [HttpPost("{id:long}/dismiss")]
    public async Task<IActionResult> Dismiss(SenderCodeOption senderCode, long id, CancellationToken ct)
    {
        var outcome = await queue.DismissAsync(senderCode.Id, id, User.AsConsentActor(ConsentSource.UserAction), ct);
        return Decided(outcome, "Dismissed: recorded as not an opt-out; nothing changed.");
    }

    private IActionResult Decided(ReviewOutcome outcome, string done)
    {
        switch (outcome)
        {
            case ReviewOutcome.NotFound:
                return NotFound();
            case ReviewOutcome.AlreadyDecided:
                TempData["Error"] = "Someone has already decided this text; nothing changed.";
                break;
            default:
                TempData["Success"] = done;
                break;
        }

        return Redirect("/contacts/needs-review");
    }
}
