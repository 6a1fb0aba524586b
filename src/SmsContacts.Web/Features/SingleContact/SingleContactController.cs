using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ContactProfile;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.SingleContact;

/// <summary>Add Contacts > Single Contact: Phone Number and list, Continue, optional profile data, Save.</summary>
[Route("contacts/add")]
public sealed class SingleContactController(SingleContactAdder adder, AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Start(SenderCodeOption senderCode, CancellationToken ct)
    {
        return View("Start", new SingleContactStartForm { Lists = await ListsAsync(senderCode, ct) });
    }

    [HttpPost("")]
    public async Task<IActionResult> Continue(SenderCodeOption senderCode, SingleContactStartForm form, [FromServices] IValidator<SingleContactStartForm> validator, CancellationToken ct)
    {
        if (await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            var (profile, refusal) = await adder.StartAsync(senderCode, form, ct);
            if (profile is not null)
            {
                return await ProfileView(senderCode, profile, ct);
            }

            ModelState.AddModelError(refusal!.Field, refusal.Message);
        }

        form.Lists = await ListsAsync(senderCode, ct);
        return View("Start", form);
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(SenderCodeOption senderCode, SingleContactForm form, [FromServices] IValidator<SingleContactForm> validator, CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            form.ListName = await db.Lists.Where(l => l.Id == form.ListId && l.SenderCodeId == senderCode.Id).Select(l => l.Name).SingleOrDefaultAsync(ct) ?? "";
            return await ProfileView(senderCode, form, ct);
        }

        var result = await adder.AddAsync(senderCode, form, User.AsConsentActor(ConsentSource.SingleContact) with { ConsentNote = ConsentNotes.Normalize(form.ConsentNote) }, ct);
        switch (result.Outcome)
        {
            case SingleContactOutcome.Added:
                TempData["Success"] = $"{result.Phone} subscribed to {result.ListName}.";
                return Redirect("/contacts");

            case SingleContactOutcome.Conflict:
                var (current, refusal) = await adder.StartAsync(senderCode, form, ct);
                if (current is not null)
                {
                    current.Conflict = ProfileConflict.Compare(form, current, await CustomFieldDefinitions.ForSenderCodeAsync(db, senderCode.Id, ct));
                    current.ConsentNote = form.ConsentNote;
                    ModelState.Clear();
                    return await ProfileView(senderCode, current, ct);
                }

                ModelState.AddModelError(refusal!.Field, refusal.Message);
                break;

            default:
                ModelState.AddModelError(result.Refusal!.Field, result.Refusal.Message);
                break;
        }

        // Refused: back to step one, where the message sits next to the phone number or the list.
        var start = new SingleContactStartForm { Phone = form.Phone, ListId = form.ListId, Lists = await ListsAsync(senderCode, ct) };
        return View("Start", start);
    }

    private async Task<IActionResult> ProfileView(SenderCodeOption senderCode, SingleContactForm form, CancellationToken ct)
    {
        form.Fields = await CustomFieldDefinitions.ForSenderCodeAsync(db, senderCode.Id, ct);
        return View("Profile", form);
    }

    private Task<List<ListOption>> ListsAsync(SenderCodeOption senderCode, CancellationToken ct) =>
        db.Lists.AsNoTracking().Where(l => l.SenderCodeId == senderCode.Id).OrderBy(l => l.Name).Select(l => new ListOption(l.Id, l.Name)).ToListAsync(ct);
}
