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
/// yes/no as true/false), or says why it cannot be stored. An empty cell is "no value". Works on spans: the
/// import calls it for every cell of every row.
/// </summary>
public static partial class ProfileValueParser
{
    /// <summary>Room <see cref="TryParse"/> needs for its output, for a cell of <paramref name="cellLength"/> characters.</summary>
    public static int OutputLength(int cellLength) => Math.Max(cellLength, 64);

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d", "MM/dd/yyyy", "M/d/yyyy", "yyyyMMdd"];
    private static readonly string[] Yes = ["true", "yes", "y", "1", "t"];
    private static readonly string[] No = ["false", "no", "n", "0", "f"];

    /// <param name="written">Characters written to <paramref name="output"/>, or -1 for an empty cell.</param>
    public static bool TryParse(ImportTarget target, ReadOnlySpan<char> cell, Span<char> output, out int written, out string? error)
    {
        written = -1;
        error = null;
        var text = cell.Trim();
        if (text.IsEmpty)
        {
            return true;
        }

        var kind = KindOf(target);
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

                return date.TryFormat(output, out written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            case FieldKind.Number:
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"{target.Label} \"{text}\" is not a number.";
                    return false;
                }

                return number.TryFormat(output, out written, default, CultureInfo.InvariantCulture);
            case FieldKind.YesNo:
                var yes = Matches(text, Yes);
                if (!yes && !Matches(text, No))
                {
                    error = $"{target.Label} \"{text}\" is not yes or no.";
                    return false;
                }

                var word = yes ? "true" : "false";
                word.CopyTo(output);
                written = word.Length;
                return true;
        }

        text.CopyTo(output);
        written = text.Length;
        return true;
    }

    private static bool Matches(ReadOnlySpan<char> text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static FieldKind KindOf(ImportTarget target) => target.ContactColumn switch
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
