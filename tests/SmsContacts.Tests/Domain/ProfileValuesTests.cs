using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Domain;

public sealed class ProfileValuesTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Theory]
    [InlineData(CustomFieldType.Number, "1250.50", "1250.50")]
    [InlineData(CustomFieldType.Number, " -3 ", "-3")]
    [InlineData(CustomFieldType.Date, "2026-04-23", "2026-04-23")]
    [InlineData(CustomFieldType.YesNo, "Yes", "true")]
    [InlineData(CustomFieldType.YesNo, "n", "false")]
    [InlineData(CustomFieldType.YesNo, "TRUE", "true")]
    [InlineData(CustomFieldType.Text, "  Main Street store ", "Main Street store")]
    public void CustomValues_AreStoredAsInvariantText(CustomFieldType type, string typed, string stored)
    {
        Assert.True(ProfileValues.TryNormalizeCustom(type, typed, out var value, out var error), error);
        Assert.Equal(stored, value);
    }

    [Theory]
    [InlineData(CustomFieldType.Date, "tomorrowish", "is not a date")]
    [InlineData(CustomFieldType.Date, "2026-02-30", "is not a date")]
    [InlineData(CustomFieldType.Number, "1,5", "is not a number")]
    [InlineData(CustomFieldType.Number, "12 apples", "is not a number")]
    [InlineData(CustomFieldType.YesNo, "maybe", "is not yes or no")]
    public void CustomValues_OfTheWrongType_AreRefusedWithAMessage(CustomFieldType type, string typed, string message)
    {
        Assert.False(ProfileValues.TryNormalizeCustom(type, typed, out var value, out var error));
        Assert.Null(value);
        Assert.Contains(message, error);
    }

    [Fact]
    public void CustomText_LongerThanTheColumn_IsRefused() =>
        Assert.False(ProfileValues.TryNormalizeCustom(CustomFieldType.Text, new string('x', ProfileValues.MaxCustomTextLength + 1), out _, out _));

    [Theory]
    [InlineData(CustomFieldType.Number)]
    [InlineData(CustomFieldType.Date)]
    [InlineData(CustomFieldType.Text)]
    public void BlankCustomValue_MeansNoValue(CustomFieldType type)
    {
        Assert.True(ProfileValues.TryNormalizeCustom(type, "  ", out var value, out _));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("2026-02-30", "is not a real date")]
    [InlineData("04/23/1990", "is not a real date")]
    [InlineData("2026-11-21", "cannot be in the future")]
    [InlineData("1899-12-31", "cannot be before 1900-01-01")]
    public void ImpossibleBirthdays_AreRefused(string typed, string message)
    {
        Assert.False(ProfileValues.TryParseBirthday(typed, Today, out var birthday, out var error));
        Assert.Null(birthday);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("1990-04-23", DateOrder.YearMonthDay, "1990-04-23")]
    [InlineData("1990-04-23", DateOrder.MonthDayYear, "1990-04-23")]
    [InlineData("1990-04-23", DateOrder.DayMonthYear, "1990-04-23")]
    [InlineData("04/23/1990", DateOrder.MonthDayYear, "1990-04-23")]
    [InlineData("4/3/1990", DateOrder.MonthDayYear, "1990-04-03")]
    [InlineData("4-3-1990", DateOrder.MonthDayYear, "1990-04-03")]
    [InlineData("4/3/1990", DateOrder.DayMonthYear, "1990-03-04")]
    [InlineData("23.04.1990", DateOrder.DayMonthYear, "1990-04-23")]
    [InlineData("29/02/2024", DateOrder.DayMonthYear, "2024-02-29")]
    public void Dates_AreReadInTheOrderTheFileWritesThem(string typed, DateOrder order, string expected)
    {
        Assert.True(ProfileValues.TryParseDate(typed, order, out var date));
        Assert.Equal(DateOnly.ParseExact(expected, ProfileValues.DateFormat), date);
    }

    [Theory]
    [InlineData("04/23/1990", DateOrder.YearMonthDay)]
    [InlineData("23/04/1990", DateOrder.MonthDayYear)]
    [InlineData("04/23/1990", DateOrder.DayMonthYear)]
    [InlineData("29/02/2023", DateOrder.DayMonthYear)]
    [InlineData("04/23/90", DateOrder.MonthDayYear)]
    [InlineData("1990/04/23", DateOrder.MonthDayYear)]
    public void Dates_ThatDoNotFitTheOrder_OrAreNotRealDays_AreRefused(string typed, DateOrder order) =>
        Assert.False(ProfileValues.TryParseDate(typed, order, out _));

    [Fact]
    public void RefusedDates_SayWhichOrderWasExpected()
    {
        Assert.False(ProfileValues.TryParseBirthday("23/04/1990", Today, out _, out var birthdayError, DateOrder.MonthDayYear));
        Assert.Equal("\"23/04/1990\" is not a real date. Enter the birthday as month/day/year, e.g. 04/23/1990.", birthdayError);
        Assert.False(ProfileValues.TryNormalizeCustom(CustomFieldType.Date, "04/23/2026", out _, out var customError, DateOrder.DayMonthYear));
        Assert.Equal("\"04/23/2026\" is not a date. Enter day/month/year, e.g. 23/04/2026.", customError);
        Assert.True(ProfileValues.TryNormalizeCustom(CustomFieldType.Date, "23/04/2026", out var stored, out _, DateOrder.DayMonthYear));
        Assert.Equal("2026-04-23", stored);
    }

    [Fact]
    public void Birthday_Today_IsAccepted()
    {
        Assert.True(ProfileValues.TryParseBirthday("2026-11-20", Today, out var birthday, out _));
        Assert.Equal(Today, birthday);
    }

    [Theory]
    [InlineData("ada@example.com", true)]
    [InlineData("ada.lovelace+sms@mail.example.co.uk", true)]
    [InlineData("ada@example", false)]
    [InlineData("ada example.com", false)]
    [InlineData("ada@@example.com", false)]
    [InlineData("", true)]
    public void Email_MustLookLikeAnAddress(string typed, bool accepted) =>
        Assert.Equal(accepted, ProfileValues.EmailError(typed) is null);

    [Theory]
    [InlineData("10001", true)]
    [InlineData("SW1A 1AA", true)]
    [InlineData("12345-6789", true)]
    [InlineData("<script>", false)]
    [InlineData("123456789012345678901", false)]
    public void PostalCode_IsLettersDigitsSpacesAndHyphens(string typed, bool accepted) =>
        Assert.Equal(accepted, ProfileValues.PostalCodeError(typed) is null);

    [Theory]
    [InlineData("First Name")]
    [InlineData("email")]
    [InlineData(" Postal Code ")]
    [InlineData("Phone Number")]
    [InlineData("Subscribe Date")]
    public void SystemFieldAndColumnNames_AreReserved(string name) => Assert.True(SystemFields.IsReservedName(name));

    [Fact]
    public void OrdinaryNames_AreNotReserved() => Assert.False(SystemFields.IsReservedName("Favorite Store"));
}
