using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.CustomFields;

/// <summary>A new custom profile field (name and type), or a new name for an existing one.</summary>
public sealed class CustomFieldForm
{
    /// <summary>Set when renaming; the type of an existing field cannot change because its stored values were checked against it.</summary>
    [BindNever]
    public int? Id { get; set; }

    /// <summary>Nullable so that a blank name gets the validator's message rather than MVC's implicit "required" one.</summary>
    [Display(Name = "Field name")]
    public string? Name { get; set; }

    [Display(Name = "Type")]
    public CustomFieldType Type { get; set; }
}

public sealed class CustomFieldFormValidator : AbstractValidator<CustomFieldForm>
{
    public const int MaxNameLength = 60;

    public CustomFieldFormValidator(AppDbContext db, SenderCodeScope scope)
    {
        RuleFor(f => f.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a field name.")
            .MaximumLength(MaxNameLength).WithMessage($"Keep the name to {MaxNameLength} characters.")
            .Must(name => !SystemFields.IsReservedName(name!))
            .WithMessage(f => $"\"{f.Name!.Trim()}\" is the name of a system field or of an import/export column. Choose another name.")
            .MustAsync(async (form, name, ct) =>
            {
                // Case-insensitive: imports match column headers to field names without regard to case.
                var wanted = name!.Trim().ToLower();
                return (await scope.GetAsync(ct)).Current is { } senderCode
                    && !await db.CustomFields.AnyAsync(f => f.SenderCodeId == senderCode.Id && f.Name.ToLower() == wanted && f.Id != (form.Id ?? 0), ct);
            })
            .WithMessage(f => $"This sender code already has a field named \"{f.Name!.Trim()}\".");

        RuleFor(f => f.Type).IsInEnum().WithMessage("Choose a type: Text, Number, Date or Yes/No.");
    }
}
