using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.ContactProfile;

/// <summary>
/// A contact's profile as a form shows it: the system fields, and the custom fields by field id
/// (posted as <c>Custom[12]</c>). Single Contact and Contact Details both edit it.
/// </summary>
public class ProfileForm
{
    [Display(Name = SystemFields.Email)]
    public string? Email { get; set; }

    [Display(Name = SystemFields.FirstName)]
    public string? FirstName { get; set; }

    [Display(Name = SystemFields.LastName)]
    public string? LastName { get; set; }

    /// <summary>yyyy-MM-dd, as the date input sends it.</summary>
    [Display(Name = SystemFields.Birthday)]
    public string? Birthday { get; set; }

    [Display(Name = SystemFields.PostalCode)]
    public string? PostalCode { get; set; }

    public Dictionary<int, string?> Custom { get; set; } = [];

    /// <summary>The form name of a custom field's input, which is also where its error is reported.</summary>
    public static string CustomKey(int fieldId) => $"Custom[{fieldId.ToString(CultureInfo.InvariantCulture)}]";

    public void Fill(Contact contact)
    {
        Email = contact.Email;
        FirstName = contact.FirstName;
        LastName = contact.LastName;
        Birthday = contact.Birthday?.ToString(ProfileValues.DateFormat, CultureInfo.InvariantCulture);
        PostalCode = contact.PostalCode;
        Custom = contact.CustomFieldValues.ToDictionary(v => v.FieldId, v => (string?)v.Value);
    }
}

/// <summary>The custom fields of a sender code, in the order forms show them.</summary>
public static class CustomFieldDefinitions
{
    public static Task<List<CustomFieldDefinition>> ForSenderCodeAsync(AppDbContext db, int senderCodeId, CancellationToken ct) =>
        db.CustomFields.AsNoTracking().Where(f => f.SenderCodeId == senderCodeId).OrderBy(f => f.Name).ThenBy(f => f.Id).ToListAsync(ct);
}

/// <summary>What the custom fields partial needs: the values being edited and the fields to show.</summary>
public sealed record CustomFieldsView(ProfileForm Form, IReadOnlyList<CustomFieldDefinition> Fields);

public sealed class ProfileFormValidator : AbstractValidator<ProfileForm>
{
    public ProfileFormValidator(AppDbContext db, SenderCodeScope scope, TimeProvider clock)
    {
        RuleFor(f => f.Email).Custom((email, context) =>
        {
            if (ProfileValues.EmailError(email) is { } error)
            {
                context.AddFailure(error);
            }
        });
        RuleFor(f => f.FirstName).MaximumLength(ProfileValues.MaxNameLength).WithMessage($"Keep the first name to {ProfileValues.MaxNameLength} characters.");
        RuleFor(f => f.LastName).MaximumLength(ProfileValues.MaxNameLength).WithMessage($"Keep the last name to {ProfileValues.MaxNameLength} characters.");
        RuleFor(f => f.Birthday).Custom((birthday, context) =>
        {
            if (!ProfileValues.TryParseBirthday(birthday, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), out _, out var error))
            {
                context.AddFailure(error!);
            }
        });
        RuleFor(f => f.PostalCode).Custom((code, context) =>
        {
            if (ProfileValues.PostalCodeError(code) is { } error)
            {
                context.AddFailure(error);
            }
        });
        RuleFor(f => f.Custom).CustomAsync(async (values, context, ct) =>
        {
            if (values.Count == 0 || (await scope.GetAsync(ct)).Current is not { } senderCode)
            {
                return;
            }

            // A field deleted while someone was typing has nowhere to keep a value: it is skipped, not an error.
            var fields = await CustomFieldDefinitions.ForSenderCodeAsync(db, senderCode.Id, ct);
            foreach (var field in fields)
            {
                if (values.TryGetValue(field.Id, out var value) && !ProfileValues.TryNormalizeCustom(field.Type, value, out _, out var error))
                {
                    context.AddFailure(new ValidationFailure(ProfileForm.CustomKey(field.Id), $"{field.Name}: {error}"));
                }
            }
        });
    }
}

/// <summary>Copies a validated profile form onto a contact.</summary>
public static class ProfileChanges
{
    /// <summary>Sets every field from the form (blank clears it); true when anything actually changed.</summary>
    /// <remarks>The contact's custom values must be loaded. A custom field the form does not carry is left as it is.</remarks>
    public static bool Apply(Contact contact, ProfileForm form, IReadOnlyList<CustomFieldDefinition> fields)
    {
        var changed = false;
        changed |= Set(contact.Email, ProfileValues.Clean(form.Email), v => contact.Email = v);
        changed |= Set(contact.FirstName, ProfileValues.Clean(form.FirstName), v => contact.FirstName = v);
        changed |= Set(contact.LastName, ProfileValues.Clean(form.LastName), v => contact.LastName = v);
        changed |= Set(contact.PostalCode, ProfileValues.Clean(form.PostalCode), v => contact.PostalCode = v);

        // The form was validated against today's date already; here the birthday is only parsed.
        ProfileValues.TryParseBirthday(form.Birthday, DateOnly.MaxValue, out var birthday, out _);
        if (contact.Birthday != birthday)
        {
            contact.Birthday = birthday;
            changed = true;
        }

        foreach (var field in fields)
        {
            if (!form.Custom.TryGetValue(field.Id, out var posted) || !ProfileValues.TryNormalizeCustom(field.Type, posted, out var stored, out _))
            {
                continue;
            }

            var existing = contact.CustomFieldValues.SingleOrDefault(v => v.FieldId == field.Id);
            if (stored is null && existing is not null)
            {
                contact.CustomFieldValues.Remove(existing);
                changed = true;
            }
            else if (stored is not null && existing is null)
            {
                contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = field.Id, Value = stored });
                changed = true;
            }
            else if (stored is not null && existing!.Value != stored)
            {
                existing.Value = stored;
                changed = true;
            }
        }

        return changed;
    }

    private static bool Set(string? current, string? wanted, Action<string?> set)
    {
        if (string.Equals(current, wanted, StringComparison.Ordinal))
        {
            return false;
        }

        set(wanted);
        return true;
    }
}
