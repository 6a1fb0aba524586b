using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.CustomFields;

/// <summary>Admin: custom profile fields of the sender code picked in the navigation, beside the fixed system fields.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/custom-fields")]
public sealed class CustomFieldsController(CustomFieldEditor editor) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(SenderCodeOption senderCode, CancellationToken ct)
    {
        return View(new CustomFieldsPage(senderCode, await editor.ListAsync(senderCode.Id, ct)));
    }

    [HttpGet("new")]
    public IActionResult Create(SenderCodeOption senderCode) => View("Edit", new CustomFieldForm());

    [HttpPost("new")]
    public async Task<IActionResult> Create(SenderCodeOption senderCode, CustomFieldForm form, [FromServices] IValidator<CustomFieldForm> validator, CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            return View("Edit", form);
        }

        await editor.CreateAsync(senderCode.Id, form, ct);
        TempData["Success"] = $"Custom field {form.Name!.Trim()} added.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{fieldId:int}/rename")]
    public async Task<IActionResult> Rename(SenderCodeOption senderCode, int fieldId, CancellationToken ct)
    {
        var field = await editor.FindAsync(senderCode.Id, fieldId, ct);
        return field is null ? NotFound() : View("Edit", new CustomFieldForm { Id = field.Id, Name = field.Name, Type = field.Type });
    }

    [HttpPost("{fieldId:int}/rename")]
    public async Task<IActionResult> Rename(SenderCodeOption senderCode, int fieldId, CustomFieldForm form, [FromServices] IValidator<CustomFieldForm> validator, CancellationToken ct)
    {
        var field = await editor.FindAsync(senderCode.Id, fieldId, ct);
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

        await editor.RenameAsync(senderCode.Id, field.Id, form.Name!, ct);
        TempData["Success"] = $"Custom field {field.Name} renamed to {form.Name!.Trim()}.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{fieldId:int}/delete")]
    public async Task<IActionResult> Delete(SenderCodeOption senderCode, int fieldId, CancellationToken ct)
    {
        var field = await editor.FindAsync(senderCode.Id, fieldId, ct);
        return field is null ? NotFound() : View(new DeleteCustomField(field, await editor.CountValuesAsync(field.Id, ct)));
    }

    [HttpPost("{fieldId:int}/delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(SenderCodeOption senderCode, int fieldId, CancellationToken ct)
    {
        var field = await editor.FindAsync(senderCode.Id, fieldId, ct);
        if (field is null)
        {
            return NotFound();
        }

        var values = await editor.DeleteAsync(senderCode.Id, field.Id, ct);
        TempData["Success"] = $"Custom field {field.Name} deleted, with its values on {values:N0} contacts.";
        return RedirectToAction(nameof(Index));
    }
}

public sealed record CustomFieldsPage(SenderCodeOption SenderCode, IReadOnlyList<CustomFieldSummary> Fields);

public sealed record DeleteCustomField(CustomFieldSummary Field, int ContactsWithValue);
