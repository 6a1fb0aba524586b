using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The profile fields a column can be mapped to: the phone number, the system fields and the sender
/// code's custom fields, each with the header names that map to it by themselves.
/// </summary>
public sealed partial class ImportFields(IReadOnlyList<ImportField> fields)
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
            new(PhoneKey, "Phone Number", null, null, null, ["phone", "phonenumber", "phoneno", "mobile", "mobilenumber", "mobilephone", "cell", "cellphone", "cellnumber", "msisdn", "sms", "smsnumber", "telephone", "tel", "number", "primaryphone", "mobilephonenumber", "cellphonenumber", "telefon", "telefono", "telephoneportable", "portable", "mobil", "handy", "handynummer", "movil", "celular", "numero"]),
            new("email", SystemFields.Email, nameof(Contact.Email), null, null, ["email", "emailaddress", "mail", "courriel", "correo", "correoelectronico"]),
            new("first_name", SystemFields.FirstName, nameof(Contact.FirstName), null, null, ["firstname", "first", "givenname", "fname", "forename", "prenom", "vorname", "nombre"]),
            new("last_name", SystemFields.LastName, nameof(Contact.LastName), null, null, ["lastname", "last", "surname", "familyname", "lname", "nom", "nomdefamille", "nachname", "apellido", "apellidos"]),
            new("birthday", SystemFields.Birthday, nameof(Contact.Birthday), null, null, ["birthday", "birthdate", "dateofbirth", "dob", "datedenaissance", "geburtstag", "geburtsdatum", "fechadenacimiento"]),
            new("postal_code", SystemFields.PostalCode, nameof(Contact.PostalCode), null, null, ["postalcode", "postcode", "zip", "zipcode", "postal", "codepostal", "plz", "postleitzahl", "codigopostal"]),
        };
        fields.AddRange(custom.Select(f => new ImportField($"custom:{f.Id}", f.Name, null, f.Id, f.Type, [Normalize(f.Name)])));
        return new ImportFields(fields);
    }

    /// <summary>
    /// The field a header names, if any ("Phone Number", "first_name", "ZIP", "Téléphone"...). Contact exports that
    /// number their repeated fields name the value column "Phone 1 - Value", "E-mail 2 - Value" (Google Contacts): such a
    /// header names the field before its number; its "Phone 1 - Label" / "- Type" column names none.
    /// </summary>
    public ImportField? Guess(string header)
    {
        var normalized = Normalize(header);
        if (normalized.Length == 0)
        {
            return null;
        }

        if (All.FirstOrDefault(f => f.Synonyms.Contains(normalized)) is { } field)
        {
            return field;
        }

        var numbered = NumberedValue().Match(normalized);
        return numbered.Success ? All.FirstOrDefault(f => f.Synonyms.Contains(numbered.Groups["field"].Value)) : null;
    }

    /// <summary>Lower case letters and digits only, accents dropped: "First_Name ", "first name" and "FIRST NAME" are one header, "Prénom" is "prenom".</summary>
    public static string Normalize(string header) =>
        new(header.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [System.Text.RegularExpressions.GeneratedRegex("^(?<field>[a-z]+)[0-9]+value$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex NumberedValue();
}

public sealed record ImportField(string Key, string Label, string? ContactColumn, int? CustomFieldId, CustomFieldType? CustomFieldType, IReadOnlyList<string> Synonyms)
{
    public bool IsPhone => Key == ImportFields.PhoneKey;

    public ImportTarget ToTarget() => new(Key, Label, ContactColumn, CustomFieldId, CustomFieldType);
}

/// <summary>
/// Turns a cell into the value stored for its field with the rules every path that writes profile data
/// shares (<see cref="ProfileValues"/>), or says why it cannot be stored, naming the field for the report.
/// An empty cell is "no value" (null).
/// </summary>
public static class ProfileValueParser
{
    public static bool TryParse(ImportTarget target, string cell, DateOnly today, DateOrder dates, out string? value, out string? error)
    {
        value = null;
        error = null;
        switch (target.ContactColumn)
        {
            case nameof(Contact.Email):
                error = ProfileValues.EmailError(cell);
                value = ProfileValues.Clean(cell);
                break;
            case nameof(Contact.FirstName) or nameof(Contact.LastName):
                value = ProfileValues.Clean(cell);
                error = value?.Length > ProfileValues.MaxNameLength ? $"Keep it to {ProfileValues.MaxNameLength} characters." : null;
                break;
            case nameof(Contact.PostalCode):
                error = ProfileValues.PostalCodeError(cell);
                value = ProfileValues.Clean(cell);
                break;
            case nameof(Contact.Birthday):
                ProfileValues.TryParseBirthday(cell, today, out var birthday, out error, dates);
                value = birthday?.ToString(ProfileValues.DateFormat, CultureInfo.InvariantCulture);
                break;
            default:
                ProfileValues.TryNormalizeCustom(target.CustomFieldType ?? CustomFieldType.Text, cell, out value, out error, dates);
                break;
        }

        if (error is not null)
        {
            value = null;
            error = $"{target.Label}: {error}";
            return false;
        }

        return true;
    }
}
