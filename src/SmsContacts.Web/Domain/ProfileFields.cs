using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SmsContacts.Web.Domain;

/// <summary>The profile fields every contact has; they are part of the product and can never be removed.</summary>
public static class SystemFields
{
    public const string Email = "Email";
    public const string FirstName = "First Name";
    public const string LastName = "Last Name";
    public const string Birthday = "Birthday";
    public const string PostalCode = "Postal Code";

    public static readonly IReadOnlyList<string> All = [Email, FirstName, LastName, Birthday, PostalCode];

    /// <summary>
    /// Imports map columns to fields by name and exports write one column per field, so a custom field
    /// must not take the name of a system field or of any other import/export column.
    /// </summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        Email, FirstName, LastName, Birthday, PostalCode,
        "Phone", "Phone Number", "Email Address", "List Name", "Last Send Date", "Last Click Date",
        "Subscribe Date", "Subscribe Method", "Compliance Last Sent Date", "Keyword", "Opt-out Date", "Reason",
    };

    public static bool IsReservedName(string name) => Reserved.Contains(name.Trim());
}

/// <summary>
/// The order of day, month and year in a file's dates. Year-month-day (ISO 8601: what our exports and the
/// browser's date inputs write) is read whatever is chosen; the other orders only when the person importing
/// says so, because 03/04/1990 is March in one country and April in the next.
/// </summary>
public enum DateOrder
{
    [Display(Name = "Year-month-day (1990-04-23)")]
    YearMonthDay = 0,

    [Display(Name = "Month/day/year (04/23/1990)")]
    MonthDayYear = 1,

    [Display(Name = "Day/month/year (23/04/1990)")]
    DayMonthYear = 2,
}

/// <summary>
/// How profile values typed by people become stored values, with the message a person reads when
/// one cannot. Every path that writes profile data (single contact, contact details, import) uses
/// the same rules, so a value accepted in one place is accepted everywhere.
/// </summary>
public static partial class ProfileValues
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxPostalCodeLength = 20;
    public const int MaxCustomTextLength = 500;

    /// <summary>The oldest birthday we believe; anything earlier is a typo (1899 for 1999).</summary>
    public static readonly DateOnly EarliestBirthday = new(1900, 1, 1);

    public const string DateFormat = "yyyy-MM-dd";

    // Four-digit years only: "04/23/90" could be 1990 or 2090, and a birthday guessed wrong is worse than one refused.
    private static readonly string[] MonthDayYearFormats = ["M/d/yyyy", "M-d-yyyy", "M.d.yyyy"];
    private static readonly string[] DayMonthYearFormats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];

    /// <summary>A real calendar day written year-month-day, or in <paramref name="order"/> with /, - or . between the parts.</summary>
    public static bool TryParseDate(string text, DateOrder order, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || order switch
        {
            DateOrder.MonthDayYear => DateOnly.TryParseExact(text, MonthDayYearFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date),
            DateOrder.DayMonthYear => DateOnly.TryParseExact(text, DayMonthYearFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date),
            _ => false,
        };

    /// <summary>How to write <paramref name="example"/> so that <see cref="TryParseDate"/> reads it, for error messages.</summary>
    private static string DateHint(DateOrder order, DateOnly example) => order switch
    {
        DateOrder.MonthDayYear => $"month/day/year, e.g. {example.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture)}",
        DateOrder.DayMonthYear => $"day/month/year, e.g. {example.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}",
        _ => $"year-month-day, e.g. {example.ToString(DateFormat, CultureInfo.InvariantCulture)}",
    };

    /// <summary>Blank means "no value"; surrounding spaces are never meant.</summary>
    public static string? Clean(string? input) => string.IsNullOrWhiteSpace(input) ? null : input.Trim();

    public static string? EmailError(string? input)
    {
        var email = Clean(input);
        if (email is null)
        {
            return null;
        }

        return email.Length <= MaxEmailLength && EmailPattern().IsMatch(email)
            ? null
            : $"\"{email}\" is not an email address. Enter one like name@example.com.";
    }

    public static string? PostalCodeError(string? input)
    {
        var code = Clean(input);
        if (code is null)
        {
            return null;
        }

        return code.Length <= MaxPostalCodeLength && PostalCodePattern().IsMatch(code)
            ? null
            : $"Postal code may have up to {MaxPostalCodeLength} letters, digits, spaces and hyphens.";
    }

    /// <summary>
    /// A birthday as the date input sends it (yyyy-MM-dd), or as a file writes it in <paramref name="order"/>;
    /// a day that does not exist, a future day or one before 1900 is refused.
    /// </summary>
    public static bool TryParseBirthday(string? input, DateOnly today, out DateOnly? birthday, out string? error, DateOrder order = DateOrder.YearMonthDay)
    {
        birthday = null;
        error = null;
        var text = Clean(input);
        if (text is null)
        {
            return true;
        }

        if (!TryParseDate(text, order, out var date))
        {
            error = $"\"{text}\" is not a real date. Enter the birthday as {DateHint(order, new DateOnly(1990, 4, 23))}.";
            return false;
        }

        if (date > today)
        {
            error = "Birthday cannot be in the future.";
            return false;
        }

        if (date < EarliestBirthday)
        {
            error = $"Birthday cannot be before {EarliestBirthday.ToString(DateFormat, CultureInfo.InvariantCulture)}.";
            return false;
        }

        birthday = date;
        return true;
    }

    /// <summary>
    /// Turns what someone typed into the invariant text a custom field stores: numbers with '.',
    /// dates as yyyy-MM-dd (read in <paramref name="order"/> too), yes/no as true/false. Blank input means
    /// "no value" (stored = null).
    /// </summary>
    public static bool TryNormalizeCustom(CustomFieldType type, string? input, out string? stored, out string? error, DateOrder order = DateOrder.YearMonthDay)
    {
        stored = null;
        error = null;
        var text = Clean(input);
        if (text is null)
        {
            return true;
        }

        switch (type)
        {
            case CustomFieldType.Number:
                // No thousands separators: "1,5" would mean 15 here and 1.5 in half the world.
                const NumberStyles number = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
                if (decimal.TryParse(text, number, CultureInfo.InvariantCulture, out var value))
                {
                    stored = value.ToString(CultureInfo.InvariantCulture);
                    return true;
                }

                error = $"\"{text}\" is not a number. Use digits with '.' for decimals, e.g. 1250.50.";
                return false;

            case CustomFieldType.Date:
                if (TryParseDate(text, order, out var date))
                {
                    stored = date.ToString(DateFormat, CultureInfo.InvariantCulture);
                    return true;
                }

                error = $"\"{text}\" is not a date. Enter {DateHint(order, new DateOnly(2026, 4, 23))}.";
                return false;

            case CustomFieldType.YesNo:
                switch (text.ToLowerInvariant())
                {
                    case "true" or "yes" or "y" or "1":
                        stored = "true";
                        return true;
                    case "false" or "no" or "n" or "0":
                        stored = "false";
                        return true;
                    default:
                        error = $"\"{text}\" is not yes or no.";
                        return false;
                }

            default:
                if (text.Length > MaxCustomTextLength)
                {
                    error = $"Keep it to {MaxCustomTextLength} characters.";
                    return false;
                }

                stored = text;
                return true;
        }
    }

    /// <summary>A stored custom value as people read it (Yes/No rather than true/false).</summary>
    public static string DisplayCustom(CustomFieldType type, string stored) => (type, stored) switch
    {
        (CustomFieldType.YesNo, "true") => "Yes",
        (CustomFieldType.YesNo, "false") => "No",
        _ => stored,
    };

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 \-]*$")]
    private static partial Regex PostalCodePattern();
}
