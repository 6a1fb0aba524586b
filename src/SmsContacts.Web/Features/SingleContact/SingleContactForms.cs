using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ContactProfile;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.SingleContact;

/// <summary>The number and the list a single contact is subscribed to.</summary>
public interface ISingleContactTarget
{
    string? Phone { get; }

    int? ListId { get; }
}

/// <summary>Step one: Phone Number and list, then Continue.</summary>
public sealed class SingleContactStartForm : ISingleContactTarget
{
    /// <summary>Nullable so that a blank number gets the phone rules' message rather than MVC's implicit "required" one.</summary>
    [Display(Name = "Phone Number")]
    public string? Phone { get; set; }

    [Display(Name = "List")]
    public int? ListId { get; set; }

    [BindNever]
    public IReadOnlyList<ListOption> Lists { get; set; } = [];
}

/// <summary>Step two: the optional profile data, then Save.</summary>
public sealed class SingleContactForm : ProfileForm, ISingleContactTarget
{
    /// <summary>Nullable so that a blank number gets the phone rules' message rather than MVC's implicit "required" one.</summary>
    [Display(Name = "Phone Number")]
    public string? Phone { get; set; }

    [Display(Name = "List")]
    public int? ListId { get; set; }

    /// <summary>Where consent came from, in the words of whoever captured it ("paper form at store 12"); optional, kept on the consent event.</summary>
    [Display(Name = "Consent note")]
    public string? ConsentNote { get; set; }

    /// <summary>The contact's version when step two was shown; null when the number was not a contact yet.</summary>
    public int? Version { get; set; }

    [BindNever]
    public string ListName { get; set; } = "";

    [BindNever]
    public IReadOnlyList<CustomFieldDefinition> Fields { get; set; } = [];

    [BindNever]
    public IReadOnlyList<ConflictingValue>? Conflict { get; set; }
}

/// <summary>Phone and list rules both steps share: a real number (in the sender code's country by default) and a list of this sender code.</summary>
public abstract class SingleContactTargetValidator<T> : AbstractValidator<T>
    where T : ISingleContactTarget
{
    protected SingleContactTargetValidator(AppDbContext db, SenderCodeScope scope)
    {
        RuleFor(f => f.Phone).CustomAsync(async (phone, context, ct) =>
        {
            if ((await scope.GetAsync(ct)).Current is not { } senderCode)
            {
                context.AddFailure("There is no sender code to add the contact to.");
            }
            else if (PhoneNormalizer.Normalize(phone, senderCode.CountryCode).Error is { } error)
            {
                context.AddFailure(error);
            }
        });

        RuleFor(f => f.ListId).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Select a list.")
            .MustAsync(async (listId, ct) => (await scope.GetAsync(ct)).Current is { } senderCode
                && await db.Lists.AnyAsync(l => l.Id == listId && l.SenderCodeId == senderCode.Id, ct))
            .WithMessage("That list does not belong to this sender code. Select one from the list.");
    }
}

public sealed class SingleContactStartFormValidator(AppDbContext db, SenderCodeScope scope)
    : SingleContactTargetValidator<SingleContactStartForm>(db, scope);

public sealed class SingleContactFormValidator : SingleContactTargetValidator<SingleContactForm>
{
    public SingleContactFormValidator(AppDbContext db, SenderCodeScope scope, IValidator<ProfileForm> profile)
        : base(db, scope)
    {
        Include(profile);
        RuleFor(f => ConsentNotes.Normalize(f.ConsentNote)).MaximumLength(ConsentNotes.MaxLength).OverridePropertyName(nameof(SingleContactForm.ConsentNote))
            .WithMessage($"Keep the consent note to {ConsentNotes.MaxLength} characters.");
    }
}
