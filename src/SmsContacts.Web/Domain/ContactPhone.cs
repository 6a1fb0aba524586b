namespace SmsContacts.Web.Domain;

/// <summary>
/// The columns a contact row derives from its number, produced here for every writer: the entity
/// (<see cref="Contact.Phone"/>, used by Single Contact, Contact Details and inbound texts), both bulk import
/// writers (Data/BulkImport, which stage the value computed here) and the demo seeder. The database holds every
/// writer to it as well (Data/ContactPhoneGuard: SQLite triggers, a SQL Server CHECK constraint), so a writer
/// that forgets is refused instead of storing a contact that phone search cannot find.
/// </summary>
public static class ContactPhone
{
    /// <summary>E.164 has at most 15 digits.</summary>
    public const int MaxDigits = 15;

    /// <summary>
    /// The number's digits back to front (+15551234567 → 76543215551), which makes "ends with 4567" an index range
    /// just like "starts with +1555" (see Data/PhoneSearch). In: an E.164 number; anything but ASCII digits is skipped.
    /// </summary>
    public static string DigitsReversed(string e164)
    {
        Span<char> digits = stackalloc char[e164.Length];
        var length = 0;
        for (var i = e164.Length - 1; i >= 0; i--)
        {
            if (char.IsAsciiDigit(e164[i]))
            {
                digits[length++] = e164[i];
            }
        }

        return new string(digits[..length]);
    }

    /// <summary>
    /// <see cref="DigitsReversed(string)"/> for a number held as its E.164 digits without the '+' (as the import keeps
    /// them), written as ASCII into <paramref name="destination"/> (at least <see cref="MaxDigits"/> bytes, or 19 for any
    /// positive long). Returns the number of bytes written. No allocation: the bulk writers call it once per row.
    /// </summary>
    public static int WriteDigitsReversed(long digits, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(digits);
        var length = 0;
        for (var rest = digits; rest > 0; rest /= 10)
        {
            destination[length++] = (byte)('0' + (int)(rest % 10));
        }

        return length;
    }
}
