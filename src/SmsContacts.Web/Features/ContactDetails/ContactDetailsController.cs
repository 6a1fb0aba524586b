using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Features.ContactProfile;
using SmsContacts.Web.Features.MessageActivity;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.ContactDetails;

/// <summary>
/// Contact Details: the popup the phone number (or Edit) opens on the dashboard, loaded with htmx;
/// the same URL is a full page without script.
/// </summary>
[Route("contacts/{contactId:long}")]
public sealed class ContactDetailsController(ContactDetailsQuery details, ContactUpdater updater, ContactActivity activity) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Details(SenderCodeOption senderCode, long contactId, string? tab, CancellationToken ct)
    {
        if (await details.LoadAsync(senderCode.Id, contactId, ct) is not { } model)
        {
            return NotFound();
        }

        model.ActiveTab = tab is ContactDetailsModel.CustomTab or ContactDetailsModel.ActivityTab ? tab : ContactDetailsModel.SystemTab;
        if (model.ActiveTab == ContactDetailsModel.ActivityTab)
        {
            model.Activity = await activity.RecentAsync(senderCode.Id, (await activity.FindContactAsync(senderCode.Id, contactId, ct))!, ct);
        }

        return Panel(model);
    }

    [HttpPost("update")]
    public async Task<IActionResult> Update(SenderCodeOption senderCode, long contactId, UpdateContactForm form, [FromServices] IValidator<ProfileForm> validator, CancellationToken ct)
    {
        var tab = form.Tab == ContactDetailsModel.CustomTab ? ContactDetailsModel.CustomTab : ContactDetailsModel.SystemTab;
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            if (await details.LoadAsync(senderCode.Id, contactId, ct) is not { } invalid)
            {
                return NotFound();
            }

            invalid.Form = form;
            invalid.ActiveTab = ModelState.Keys.Any(k => ModelState[k]!.Errors.Count > 0 && !k.StartsWith("Custom[", StringComparison.Ordinal))
                ? ContactDetailsModel.SystemTab
                : ContactDetailsModel.CustomTab;
            return Panel(invalid);
        }

        var outcome = await updater.UpdateAsync(senderCode.Id, contactId, form, ct);
        if (outcome == UpdateOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == UpdateOutcome.Conflict)
        {
            // Show what is stored now, and what the person typed that differs from it; the fresh version lets them save again.
            var current = (await details.LoadAsync(senderCode.Id, contactId, ct))!;
            current.Conflict = ProfileConflict.Compare(form, current.Form, current.Fields);
            current.ActiveTab = tab;
            ModelState.Clear();
            return Panel(current);
        }

        var message = outcome == UpdateOutcome.Updated ? "Contact updated." : "Nothing to update: the values are the ones already stored.";
        if (!HttpContext.IsHtmx())
        {
            TempData["Success"] = message;
            return Redirect(tab == ContactDetailsModel.CustomTab ? $"/contacts/{contactId}?tab={tab}" : $"/contacts/{contactId}");
        }

        var saved = (await details.LoadAsync(senderCode.Id, contactId, ct))!;
        saved.Success = message;
        saved.ActiveTab = tab;
        if (outcome == UpdateOutcome.Updated)
        {
            Response.TriggerContactsChanged();
        }

        return PartialView("_Details", saved);
    }

    private IActionResult Panel(ContactDetailsModel model) => HttpContext.IsHtmx() ? PartialView("_Details", model) : View("Details", model);
}
