using Microsoft.EntityFrameworkCore;
using PhoneNumbers;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Web.Data;

/// <summary>
/// Search by phone number, the way people type one: "(415) 555-0134", "5550134", "+1415".
/// The typed digits match a number that starts with them (in international form, or after the
/// sender code's country code) or ends with them, or the number they spell in full. Each of those
/// is a range on an index (Phone, or its reversed digits), so a search reads a handful of index
/// entries instead of scanning a million numbers, on SQLite and SQL Server alike.
/// </summary>
public sealed class PhoneSearch
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // E.164 has at most 15 digits: a prefix padded with nines is the largest number starting with it.
    private const string Nines = "999999999999999";

    private PhoneSearch(string digits, string internationalPrefix, string nationalPrefix, string exact)
    {
        Digits = digits;
        InternationalPrefix = internationalPrefix;
        NationalPrefix = nationalPrefix;
        Exact = exact;
        ReversedPrefix = new string(digits.Reverse().ToArray());
    }

    public string Digits { get; }

    private string InternationalPrefix { get; }

    private string NationalPrefix { get; }

    private string Exact { get; }

    private string ReversedPrefix { get; }

    /// <returns>Null when the text has no digits (no phone filter at all).</returns>
    public static PhoneSearch? For(string? typed, string senderCodeRegion)
    {
        var digits = PhoneNormalizer.DigitsOf(typed);
        if (digits.Length == 0)
        {
            return null;
        }

        digits = digits.Length > 15 ? digits[..15] : digits;
        var countryCode = Util.GetCountryCodeForRegion(senderCodeRegion);
        var national = countryCode == 0 ? "+" + digits : $"+{countryCode}{digits}";
        var exact = PhoneNormalizer.Normalize(typed, senderCodeRegion).E164 ?? national;
        return new PhoneSearch(digits, "+" + digits, national, exact);
    }

    /// <summary>Ids of the sender code's contacts whose number matches: a UNION of index ranges.</summary>
    public IQueryable<long> MatchingContactIds(AppDbContext db, int senderCodeId)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId);
        var (intLow, intHigh) = (InternationalPrefix, InternationalPrefix + Nines);
        var (natLow, natHigh) = (NationalPrefix, NationalPrefix + Nines);
        var (revLow, revHigh) = (ReversedPrefix, ReversedPrefix + Nines);
        var exact = Exact;

        return contacts.Where(c => string.Compare(c.Phone, intLow) >= 0 && string.Compare(c.Phone, intHigh) <= 0).Select(c => c.Id)
            .Union(contacts.Where(c => string.Compare(c.Phone, natLow) >= 0 && string.Compare(c.Phone, natHigh) <= 0).Select(c => c.Id))
            .Union(contacts.Where(c => string.Compare(c.PhoneDigitsReversed, revLow) >= 0 && string.Compare(c.PhoneDigitsReversed, revHigh) <= 0).Select(c => c.Id))
            .Union(contacts.Where(c => c.Phone == exact).Select(c => c.Id));
    }
}
