using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.NeedsReview;

/// <summary>Contacts > Needs review: texts that might mean "stop", for any signed-in user of the sender code to decide.</summary>
[Route("contacts/needs-review")]
public sealed class NeedsReviewController(SenderCodeScope scope, NeedsReviewQueue queue) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var current = (await scope.GetAsync(ct)).Current;
        if (current is null)
        {
            return View("/Features/Contacts/NoSenderCode.cshtml");
        }

        ViewData["SenderCode"] = current;
        return View(await queue.LoadAsync(current.Id, ct));
    }

    [HttpPost("{id:long}/opt-out")]
    public async Task<IActionResult> OptOut(long id, CancellationToken ct)
    {
        var current = (await scope.GetAsync(ct)).Current;
        var outcome = current is null ? ReviewOutcome.NotFound : await queue.OptOutAsync(current.Id, id, User.AsConsentActor(ConsentSource.UserAction), ct);
        return Decided(outcome, "The number is opted out (reason: STOP keyword).");
    }

    [HttpPost("{id:long}/dismiss")]
    public async Task<IActionResult> Dismiss(long id, CancellationToken ct)
    {
        var current = (await scope.GetAsync(ct)).Current;
        var outcome = current is null ? ReviewOutcome.NotFound : await queue.DismissAsync(current.Id, id, User.AsConsentActor(ConsentSource.UserAction), ct);
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
