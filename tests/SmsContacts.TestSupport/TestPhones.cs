namespace SmsContacts.Tests.Infrastructure;

/// <summary>
/// Phone numbers that libphonenumber accepts as valid (fictional 555 and UK drama numbers are not),
/// kept in one place so every test uses numbers that pass validation.
/// </summary>
public static class TestPhones
{
    /// <summary>The n-th valid New York number in E.164: +12122000000, +12122000001, ...</summary>
    public static string Us(int n) => $"+1212{200 + (n / 10_000):D3}{n % 10_000:D4}";

    /// <summary>The same US number as people type it: "(212) 200-0003".</summary>
    public static string UsTyped(int n)
    {
        var digits = Us(n)[2..];
        return $"({digits[..3]}) {digits[3..6]}-{digits[6..]}";
    }
}
