using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.CustomFields;

/// <summary>Admin: custom profile fields of the sender code picked in the navigation, beside the fixed system fields.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/custom-fields")]
public sealed class CustomFieldsController(SenderCodeScope senderCodes, CustomFieldEditor editor) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        if ((await senderCodes.GetAsync(ct)).Current is not { } senderCode)
        {
            return View("/Features/Contacts/NoSenderCode.cshtml");
        }

        return View(new CustomFieldsPage(senderCode, await editor.ListAsync(senderCode.Id, ct)));
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        (await senderCodes.GetAsync(ct)).Current is null ? RedirectToAction(nameof(Index)) : View("Edit", new CustomFieldForm());

    [HttpPost("new")]
    public async Task<IActionResult> Create(CustomFieldForm form, [FromServices] IValidator<CustomFieldForm> validator, CancellationToken ct)
    {
        if ((await senderCodes.GetAsync(ct)).Current is not { } senderCode)
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View("Edit", form);
        }

        await editor.CreateAsync(senderCode.Id, form, ct);
        TempData["Success"] = $"Custom field {form.Name!.Trim()} added.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{fieldId:int}/rename")]
    public async Task<IActionResult> Rename(int fieldId, CancellationToken ct)
    {
        var field = await FindAsync(fieldId, ct);
        return field is null ? NotFound() : View("Edit", new CustomFieldForm { Id = field.Id, Name = field.Name, Type = field.Type });
    }

    [HttpPost("{fieldId:int}/rename")]
    public async Task<IActionResult> Rename(int fieldId, CustomFieldForm form, [FromServices] IValidator<CustomFieldForm> validator, CancellationToken ct)
    {
        var field = await FindAsync(fieldId, ct);
        if (field is null)
        {
            return NotFound();
        }

        form.Id = field.Id;
        form.Type = field.Type;
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View("Edit", form);
        }

        await editor.RenameAsync((await senderCodes.GetAsync(ct)).Current!.Id, field.Id, form.Name!, ct);
        TempData["Success"] = $"Custom field {field.Name} renamed to {form.Name!.Trim()}.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{fieldId:int}/delete")]
    public async Task<IActionResult> Delete(int fieldId, CancellationToken ct)
    {
        var field = await FindAsync(fieldId, ct);
        return field is null ? NotFound() : View(new DeleteCustomField(field, await editor.CountValuesAsync(field.Id, ct)));
    }

    [HttpPost("{fieldId:int}/delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int fieldId, CancellationToken ct)
    {
        var field = await FindAsync(fieldId, ct);
        if (field is null)
        {
            return NotFound();
        }

        var values = await editor.DeleteAsync((await senderCodes.GetAsync(ct)).Current!.Id, field.Id, ct);
        TempData["Success"] = $"Custom field {field.Name} deleted, with its values on {values:N0} contacts.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<CustomFieldSummary?> FindAsync(int fieldId, CancellationToken ct) =>
        (await senderCodes.GetAsync(ct)).Current is { } senderCode ? await editor.FindAsync(senderCode.Id, fieldId, ct) : null;
}

public sealed record CustomFieldsPage(SenderCodeOption SenderCode, IReadOnlyList<CustomFieldSummary> Fields);

public sealed record DeleteCustomField(CustomFieldSummary Field, int ContactsWithValue);
