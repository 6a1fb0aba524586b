using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ContactDetails;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.ContactActions;

/// <summary>
/// The dashboard's Edit, Unsubscribe and Ban on the selected rows, and the same actions from
/// Contact Details. Each GET shows what will happen (in the popup with htmx, as a page without
/// script); each POST does it.
/// </summary>
public sealed class ContactActionsController(ContactSelection selection, ContactDetailsQuery details) : Controller
{
    [HttpGet("contacts/edit")]
    public async Task<IActionResult> Edit(SenderCodeOption senderCode, SelectionRequest request, CancellationToken ct)
    {
        var (selected, problem) = await ResolveAsync(senderCode, request, "Select one contact to edit.", ct);
        if (problem is not null)
        {
            return problem;
        }

        if (selected.Count != 1)
        {
            return Refuse("Select one contact to edit.", request);
        }

        if (!HttpContext.IsHtmx())
        {
            return Redirect($"/contacts/{selected[0].ContactId}");
        }

        return PartialView("/Features/ContactDetails/_Details.cshtml", await details.LoadAsync(senderCode.Id, selected[0].ContactId, ct));
    }

    [HttpGet("contacts/unsubscribe")]
    public async Task<IActionResult> ConfirmUnsubscribe(SenderCodeOption senderCode, SelectionRequest request, CancellationToken ct)
    {
        var (selected, problem) = await ResolveAsync(senderCode, request, "Select the contacts to unsubscribe.", ct);
        return problem ?? Panel("Unsubscribe", Confirmation(selected, request));
    }

    [HttpPost("contacts/unsubscribe")]
    public async Task<IActionResult> Unsubscribe(SenderCodeOption senderCode, SelectionRequest request, [FromServices] UnsubscribeContacts unsubscribe, CancellationToken ct)
    {
        var (selected, problem) = await ResolveAsync(senderCode, request, "Select the contacts to unsubscribe.", ct);
        if (problem is not null)
        {
            return problem;
        }

        var lines = await unsubscribe.RunAsync(senderCode.Id, selected, request.AllLists, User.AsConsentActor(ConsentSource.UserAction), ct);
        return await DoneAsync("Unsubscribe", senderCode.Id, selected, lines, request, ct);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("contacts/ban")]
    public async Task<IActionResult> ConfirmBan(SenderCodeOption senderCode, SelectionRequest request, CancellationToken ct)
    {
        var (selected, problem) = await ResolveAsync(senderCode, request, "Select the contacts to ban.", ct);
        return problem ?? Panel("Ban", Confirmation(selected, request));
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("contacts/ban")]
    public async Task<IActionResult> Ban(SenderCodeOption senderCode, SelectionRequest request, [FromServices] BanContacts ban, CancellationToken ct)
    {
        var (selected, problem) = await ResolveAsync(senderCode, request, "Select the contacts to ban.", ct);
        if (problem is not null)
        {
            return problem;
        }

        var lines = await ban.RunAsync(selected, User.AsConsentActor(ConsentSource.UserAction), ct);
        return await DoneAsync("Ban", senderCode.Id, selected, lines, request, ct);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("contacts/{contactId:long}/opt-back-in")]
    public async Task<IActionResult> ConfirmOptBackIn(SenderCodeOption senderCode, long contactId, CancellationToken ct)
    {
        var model = await details.LoadAsync(senderCode.Id, contactId, ct);
        if (model is null)
        {
            return NotFound();
        }

        return Panel("OptBackIn", new OptBackInConfirmation { ContactId = model.ContactId, Phone = model.Phone, State = model.State, ListsToRestore = model.ListsToRestore });
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("contacts/{contactId:long}/opt-back-in")]
    public async Task<IActionResult> OptBackIn(SenderCodeOption senderCode, long contactId, bool confirmed, [FromServices] OptContactBackIn optBackIn, [FromServices] AppDbContext db, CancellationToken ct)
    {
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId && c.SenderCodeId == senderCode.Id, ct))
        {
            return NotFound();
        }

        if (!confirmed)
        {
            // Consent is the contact's, not ours: re-subscribing needs the user to say the contact asked for it.
            ModelState.AddModelError("confirmed", "Tick the box to confirm the contact asked to receive texts again.");
            var model = (await details.LoadAsync(senderCode.Id, contactId, ct))!;
            return Panel("OptBackIn", new OptBackInConfirmation { ContactId = model.ContactId, Phone = model.Phone, State = model.State, ListsToRestore = model.ListsToRestore });
        }

        var line = await optBackIn.RunAsync(contactId, User.AsConsentActor(ConsentSource.UserAction), ct);
        return await ShowContactAsync(senderCode.Id, contactId, line, ct);
    }

    private SelectionConfirmation Confirmation(IReadOnlyList<SelectedContact> selected, SelectionRequest request) => new()
    {
        Contacts = selected,
        Request = request,
        ReturnUrl = ReturnUrl(request),
        InPopup = HttpContext.IsHtmx(),
    };

    /// <summary>One contact: back to its details with the outcome. Several: a list of outcomes (popup) or the dashboard with them.</summary>
    private async Task<IActionResult> DoneAsync(string title, int senderCodeId, IReadOnlyList<SelectedContact> selected, IReadOnlyList<string> lines, SelectionRequest request, CancellationToken ct)
    {
        if (!HttpContext.IsHtmx())
        {
            TempData["Success"] = string.Join(" ", lines);
            return LocalRedirect(ReturnUrl(request));
        }

        if (selected.Count == 1)
        {
            return await ShowContactAsync(senderCodeId, selected[0].ContactId, lines[0], ct);
        }

        Response.TriggerContactsChanged();
        return PartialView("_Done", new ActionDone(title, lines));
    }

    private async Task<IActionResult> ShowContactAsync(int senderCodeId, long contactId, string line, CancellationToken ct)
    {
        if (!HttpContext.IsHtmx())
        {
            TempData["Success"] = line;
            return Redirect($"/contacts/{contactId}");
        }

        var model = (await details.LoadAsync(senderCodeId, contactId, ct))!;
        model.Success = line;
        Response.TriggerContactsChanged();
        return PartialView("/Features/ContactDetails/_Details.cshtml", model);
    }

    private async Task<(IReadOnlyList<SelectedContact> Selected, IActionResult? Problem)> ResolveAsync(SenderCodeOption senderCode, SelectionRequest request, string nothingSelected, CancellationToken ct)
    {
        if (request.Subscription.Length + request.Contact.Length > ContactSelection.MaxRows)
        {
            return ([], BadRequest());
        }

        if (request.IsEmpty)
        {
            return ([], Refuse(nothingSelected, request));
        }

        var selected = await selection.ResolveAsync(senderCode.Id, request, ct);

        // Rows of another sender code (or gone since the grid was drawn) do not exist for this user.
        return selected.Count == 0 ? (selected, NotFound()) : (selected, null);
    }

    private IActionResult Refuse(string message, SelectionRequest request)
    {
        if (HttpContext.IsHtmx())
        {
            return PartialView("_Done", new ActionDone("Select a contact", [message]));
        }

        TempData["Error"] = message;
        return LocalRedirect(ReturnUrl(request));
    }

    private IActionResult Panel(string view, object model) => HttpContext.IsHtmx() ? PartialView($"_{view}", model) : View(view, model);

    private string ReturnUrl(SelectionRequest request) => Url.IsLocalUrl(request.ReturnUrl) ? request.ReturnUrl : "/contacts";
}
