using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The profile fields a column can be mapped to: the phone number, the system fields and the sender
/// code's custom fields, each with the header names that map to it by themselves.
/// </summary>
public sealed class ImportFields(IReadOnlyList<ImportField> fields)
{
    public const string DoNotImport = "";
    public const string PhoneKey = "phone";

    public IReadOnlyList<ImportField> All { get; } = fields;

    public ImportField? Find(string? key) => All.FirstOrDefault(f => f.Key == key);

    public static async Task<ImportFields> ForSenderCodeAsync(AppDbContext db, int senderCodeId, CancellationToken ct)
    {
        var custom = await db.CustomFields.AsNoTracking()
            .Where(f => f.SenderCodeId == senderCodeId)
            .OrderBy(f => f.Name)
            .ToListAsync(ct);
        var fields = new List<ImportField>
        {
            new(PhoneKey, "Phone Number", null, null, null, ["phone", "phonenumber", "phoneno", "mobile", "mobilenumber", "mobilephone", "cell", "cellphone", "cellnumber", "msisdn", "sms", "smsnumber", "telephone", "tel", "number"]),
            new("email", "Email", nameof(Contact.Email), null, null, ["email", "emailaddress", "mail"]),
            new("first_name", "First Name", nameof(Contact.FirstName), null, null, ["firstname", "first", "givenname", "fname", "forename"]),
            new("last_name", "Last Name", nameof(Contact.LastName), null, null, ["lastname", "last", "surname", "familyname", "lname"]),
            new("birthday", "Birthday", nameof(Contact.Birthday), null, null, ["birthday", "birthdate", "dateofbirth", "dob"]),
            new("postal_code", "Postal Code", nameof(Contact.PostalCode), null, null, ["postalcode", "postcode", "zip", "zipcode", "postal"]),
        };
        fields.AddRange(custom.Select(f => new ImportField($"custom:{f.Id}", f.Name, null, f.Id, f.Type, [Normalize(f.Name)])));
        return new ImportFields(fields);
    }

    /// <summary>The field a header names, if any ("Phone Number", "first_name", "ZIP" ...).</summary>
    public ImportField? Guess(string header)
    {
        var normalized = Normalize(header);
        return normalized.Length == 0 ? null : All.FirstOrDefault(f => f.Synonyms.Contains(normalized));
    }

    /// <summary>Lower case letters and digits only: "First_Name " and "first name" are the same header.</summary>
    public static string Normalize(string header) =>
        new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}

public sealed record ImportField(string Key, string Label, string? ContactColumn, int? CustomFieldId, CustomFieldType? CustomFieldType, IReadOnlyList<string> Synonyms)
{
    public bool IsPhone => Key == ImportFields.PhoneKey;

    public ImportTarget ToTarget() => new(Key, Label, ContactColumn, CustomFieldId, CustomFieldType);
}

/// <summary>
/// Turns a cell into the value stored for its field, in invariant form (dates yyyy-MM-dd, numbers with '.',
/// yes/no as true/false), or says why it cannot be stored. An empty cell is null: "no value".
/// </summary>
public static partial class ProfileValueParser
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d", "MM/dd/yyyy", "M/d/yyyy", "yyyyMMdd"];
    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase) { "true", "yes", "y", "1", "t" };
    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase) { "false", "no", "n", "0", "f" };

    public static bool TryParse(ImportTarget target, string cell, out string? value, out string? error)
    {
        value = null;
        error = null;
        var text = cell.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        var kind = target.ContactColumn switch
        {
            nameof(Contact.Email) => FieldKind.Email,
            nameof(Contact.Birthday) => FieldKind.Date,
            nameof(Contact.FirstName) or nameof(Contact.LastName) => FieldKind.Name,
            nameof(Contact.PostalCode) => FieldKind.PostalCode,
            _ => target.CustomFieldType switch
            {
                CustomFieldType.Number => FieldKind.Number,
                CustomFieldType.Date => FieldKind.Date,
                CustomFieldType.YesNo => FieldKind.YesNo,
                _ => FieldKind.Text,
            },
        };

        switch (kind)
        {
            case FieldKind.Email when text.Length > 254 || !EmailPattern().IsMatch(text):
                error = $"{target.Label} \"{text}\" is not an email address.";
                return false;
            case FieldKind.Name when text.Length > 100:
            case FieldKind.PostalCode when text.Length > 20:
            case FieldKind.Text when text.Length > 500:
                error = $"{target.Label} is longer than {(kind == FieldKind.Name ? 100 : kind == FieldKind.PostalCode ? 20 : 500)} characters.";
                return false;
            case FieldKind.Date:
                if (!DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    error = $"{target.Label} \"{text}\" is not a date (use yyyy-MM-dd or MM/dd/yyyy).";
                    return false;
                }

                value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            case FieldKind.Number:
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"{target.Label} \"{text}\" is not a number.";
                    return false;
                }

                value = number.ToString(CultureInfo.InvariantCulture);
                return true;
            case FieldKind.YesNo:
                if (!Yes.Contains(text) && !No.Contains(text))
                {
                    error = $"{target.Label} \"{text}\" is not yes or no.";
                    return false;
                }

                value = Yes.Contains(text) ? "true" : "false";
                return true;
        }

        value = text;
        return true;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    private enum FieldKind
    {
        Text,
        Name,
        PostalCode,
        Email,
        Date,
        Number,
        YesNo,
    }
}
