using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Tests.Domain;

/// <summary>One set of words for consent states and reasons: the enum's display names, never its identifiers.</summary>
public sealed class ConsentWordsTests
{
    public static TheoryData<OptOutReason> Reasons => [.. Enum.GetValues<OptOutReason>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void AnOptOutReason_ReadsAsTheGridAndTheExportsWriteIt(OptOutReason reason)
    {
        Assert.Equal(reason.DisplayName(), OptOutReasons.Words(reason));
        Assert.Equal(reason == OptOutReason.Banned ? "Banned" : $"Opted out ({reason.DisplayName()})", ConsentStates.OptedOut(reason));
    }

    [Theory]
    [MemberData(nameof(Reasons))]
    public void AStateStoredWithTheEnumsName_ReadsInWords(OptOutReason reason)
    {
        Assert.Equal(ConsentStates.OptedOut(reason), ConsentStates.Readable($"Opted out ({reason})"));
        Assert.Equal(ConsentStates.OptedOut(reason), ConsentStates.Readable(ConsentStates.OptedOut(reason)));
    }

    [Theory]
    [InlineData("Subscribed")]
    [InlineData("Not subscribed")]
    [InlineData("Other contact")]
    [InlineData("Opted out")]
    [InlineData("Opted out (3)")]
    [InlineData("Opted out (Banned, Import)")]
    [InlineData("Opted out (stopkeyword)")]
    [InlineData("Opted out (Something else)")]
    [InlineData("")]
    public void EveryOtherText_ReadsAsStored(string stored) => Assert.Equal(stored, ConsentStates.Readable(stored));

    [Fact]
    public void TheConfirmationRequest_SaysWhoIsTexting_HowToConfirm_AndHowToStop() =>
        Assert.Equal("Acme: Reply Y to confirm VIP texts. Msg & data rates may apply. Reply STOP to cancel.", ConsentTexts.ConfirmationRequest("Acme", "VIP"));

    [Fact]
    public void EveryChangeWord_FitsItsColumn() =>
        Assert.All(
            typeof(ConsentChanges).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!),
            change => Assert.True(change.Length <= 40, change));
}
