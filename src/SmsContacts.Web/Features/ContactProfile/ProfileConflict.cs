using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.ContactProfile;

/// <summary>A field someone typed a value into that differs from what is stored now.</summary>
public sealed record ConflictingValue(string Field, string? Yours, string? Current);

/// <summary>
/// When a save is refused because someone else changed the contact first, the form is shown again
/// with the current values; this lists what the person had typed that differs, so nothing they
/// entered is lost from sight.
/// </summary>
public static class ProfileConflict
{
    public static IReadOnlyList<ConflictingValue> Compare(ProfileForm yours, ProfileForm current, IReadOnlyList<CustomFieldDefinition> fields)
    {
        var differences = new List<ConflictingValue>();
        Add(SystemFields.Email, yours.Email, current.Email);
        Add(SystemFields.FirstName, yours.FirstName, current.FirstName);
        Add(SystemFields.LastName, yours.LastName, current.LastName);
        Add(SystemFields.Birthday, yours.Birthday, current.Birthday);
        Add(SystemFields.PostalCode, yours.PostalCode, current.PostalCode);
        foreach (var field in fields)
        {
            if (yours.Custom.TryGetValue(field.Id, out var typed))
            {
                ProfileValues.TryNormalizeCustom(field.Type, typed, out var normalized, out _);
                var stored = current.Custom.GetValueOrDefault(field.Id);
                if (normalized != stored)
                {
                    differences.Add(new ConflictingValue(field.Name, Display(field, normalized ?? ProfileValues.Clean(typed)), Display(field, stored)));
                }
            }
        }

        return differences;

        void Add(string field, string? typed, string? stored)
        {
            if (ProfileValues.Clean(typed) != ProfileValues.Clean(stored))
            {
                differences.Add(new ConflictingValue(field, ProfileValues.Clean(typed), ProfileValues.Clean(stored)));
            }
        }
    }

    private static string? Display(CustomFieldDefinition field, string? value) =>
        value is null ? null : ProfileValues.DisplayCustom(field.Type, value);
}
