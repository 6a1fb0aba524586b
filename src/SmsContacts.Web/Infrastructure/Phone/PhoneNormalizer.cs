using PhoneNumbers;

namespace SmsContacts.Web.Infrastructure.Phone;

public readonly record struct NormalizedPhone(string? E164, string? Error)
{
    public bool IsValid => E164 is not null;
}

/// <summary>
/// Every path that accepts a phone number (single contact, import, inbound texts, search) goes
/// through here, so a number typed three ways is stored one way: E.164.
/// </summary>
public static class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <param name="input">As people write it: "(415) 555-0134", "415.555.0134", "+1 415 555 0134".</param>
    /// <param name="defaultRegion">The sender code's country, used when the number has no country code.</param>
    public static NormalizedPhone Normalize(string? input, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new NormalizedPhone(null, "Phone number is required.");
        }

        try
        {
            var parsed = Util.Parse(input.Trim(), defaultRegion);
            if (!Util.IsValidNumber(parsed))
            {
                return new NormalizedPhone(null, $"\"{input.Trim()}\" is not a valid phone number.");
            }

            return new NormalizedPhone(Util.Format(parsed, PhoneNumberFormat.E164), null);
        }
        catch (NumberParseException)
        {
            return new NormalizedPhone(null, $"\"{input.Trim()}\" is not a phone number.");
        }
    }

    /// <summary>The digits of what someone typed into Search; E.164 minus its '+' is all digits, so they match on digits.</summary>
    public static string DigitsOf(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        return string.Create(input.Count(char.IsAsciiDigit), input, (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiDigit(c))
                {
                    span[i++] = c;
                }
            }
        });
    }
}
