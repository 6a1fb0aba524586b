using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Features.Import;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.SavedLayouts;

/// <summary>Admin: the import layouts remembered on the sender code picked in the navigation (see <see cref="RememberedLayouts"/>).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("imports/layouts")]
public sealed class SavedLayoutsController(RememberedLayouts layouts) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(SenderCodeOption senderCode, CancellationToken ct) =>
        View(new SavedLayoutsPage(senderCode, await layouts.ListAsync(senderCode.Id, ct)));

    /// <summary>Deletes one layout; the next file with those column names has its columns guessed again.</summary>
    [HttpPost("{layoutId:int}/delete")]
    public async Task<IActionResult> Delete(SenderCodeOption senderCode, int layoutId, CancellationToken ct)
    {
        if (!await layouts.DeleteAsync(senderCode.Id, layoutId, ct))
        {
            return NotFound();
        }

        TempData["Success"] = "Saved layout deleted. The next file with those column names has its columns chosen from their names again.";
        return RedirectToAction(nameof(Index));
    }
}

/// <summary>The Saved layouts page: the sender code and its layouts, latest first.</summary>
public sealed record SavedLayoutsPage(SenderCodeOption SenderCode, IReadOnlyList<SavedLayoutRow> Layouts);
