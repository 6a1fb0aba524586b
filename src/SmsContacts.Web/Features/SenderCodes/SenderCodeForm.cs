using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.SenderCodes;

public sealed class SenderCodeForm
{
    public int? Id { get; set; }

    [Display(Name = "Sender code")]
    public string Code { get; set; } = "";

    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Display(Name = "Country")]
    public string CountryCode { get; set; } = "US";

    [Display(Name = "HELP reply")]
    public string HelpText { get; set; } = "";

    [Display(Name = "Extra opt-out words")]
    public string? ExtraOptOutWords { get; set; }

    [Display(Name = "Extra opt-in words")]
    public string? ExtraOptInWords { get; set; }

    [Display(Name = "Extra help words")]
    public string? ExtraHelpWords { get; set; }

    [Display(Name = "Opt-out confirmation")]
    public string? OptOutConfirmation { get; set; }

    public static SenderCodeForm Of(SenderCode code) => new()
    {
        Id = code.Id,
        Code = code.Code,
        Name = code.Name,
        CountryCode = code.CountryCode,
        HelpText = code.HelpText,
        ExtraOptOutWords = code.ExtraOptOutWords,
        ExtraOptInWords = code.ExtraOptInWords,
        ExtraHelpWords = code.ExtraHelpWords,
        OptOutConfirmation = code.OptOutConfirmation,
    };
}

public sealed class SenderCodeFormValidator : AbstractValidator<SenderCodeForm>
{
    private const int MaxWordLength = 30;
    private const int MaxWordsLength = 500;

    private static readonly HashSet<string> Regions = PhoneNumberUtil.GetInstance().GetSupportedRegions().ToHashSet();

    public SenderCodeFormValidator(AppDbContext db)
    {
        RuleFor(f => f.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the short code or long number.")
            .Matches(@"^(\d{3,8}|\+[1-9]\d{6,14})$").WithMessage("A sender code is a short code of 3 to 8 digits or a long number in E.164 form (+14155550100).")
            .MustAsync(async (form, code, ct) => !await db.SenderCodes.AnyAsync(s => s.Code == code && s.Id != (form.Id ?? 0), ct))
            .WithMessage("That sender code already exists.");
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(100);
        RuleFor(f => f.CountryCode).Must(c => Regions.Contains(c)).WithMessage("Choose the country whose numbers this code texts.");
        RuleFor(f => f.HelpText).NotEmpty().WithMessage("Enter the reply to HELP (who you are and how to stop).").MaximumLength(480);
        RuleFor(f => f.OptOutConfirmation).MaximumLength(320)
            .Must((form, text) => string.IsNullOrWhiteSpace(text) || SaysHowToResubscribe(form, text))
            .WithMessage("The opt-out confirmation must say how to resubscribe: name START (or one of the extra opt-in words).");

        // Each family is checked against the built-in words and the families before it (opt-out, then opt-in,
        // then help), so that no word means two things; then against the lists' join keywords.
        RuleFor(f => f.ExtraOptOutWords).CustomAsync((words, context, ct) =>
            CheckWordsAsync(db, context, "opt-out", words, InboundMeaning.OptOut, SenderCodeWords.None, ct));
        RuleFor(f => f.ExtraOptInWords).CustomAsync((words, context, ct) =>
            CheckWordsAsync(db, context, "opt-in", words, InboundMeaning.OptIn, new SenderCodeWords(context.InstanceToValidate.ExtraOptOutWords), ct));
        RuleFor(f => f.ExtraHelpWords).CustomAsync((words, context, ct) =>
            CheckWordsAsync(db, context, "help", words, InboundMeaning.Help, new SenderCodeWords(context.InstanceToValidate.ExtraOptOutWords, context.InstanceToValidate.ExtraOptInWords), ct));
    }

    private static bool SaysHowToResubscribe(SenderCodeForm form, string text)
    {
        var words = KeywordText.Words(text).Select(w => w.Letters).ToHashSet();
        return InboundKeywords.OptIn.Concat(SenderCodeWords.Split(form.ExtraOptInWords))
            .Any(w => words.Contains(KeywordText.Letters(w)));
    }

    private static async Task CheckWordsAsync(
        AppDbContext db, ValidationContext<SenderCodeForm> context, string family, string? words, InboundMeaning meaning, SenderCodeWords before, CancellationToken ct)
    {
        var split = SenderCodeWords.Split(words);
        if (SenderCodeWords.Join(split)?.Length > MaxWordsLength)
        {
            context.AddFailure($"At most {MaxWordsLength} characters of extra {family} words.");
            return;
        }

        var matcher = InboundMatcher.For(before);
        var form = context.InstanceToValidate;
        foreach (var word in split)
        {
            var key = meaning == InboundMeaning.OptOut ? KeywordText.Letters(word) : KeywordText.Key(word);
            var reading = matcher.Read(word);
            if (word.Length > MaxWordLength || key.Length < 2)
            {
                context.AddFailure($"Extra {family} word \"{word}\" must be at most {MaxWordLength} characters, with at least 2 letters.");
            }
            else if (reading.Meaning == meaning)
            {
                context.AddFailure($"\"{word}\" is already a built-in {family} word.");
            }
            else if (reading.Meaning is not (InboundMeaning.Other or InboundMeaning.Review) || (meaning != InboundMeaning.OptOut && reading.Meaning == InboundMeaning.Review))
            {
                context.AddFailure($"\"{word}\" already means {Describe(reading)} and cannot be an {family} word too.");
            }
            else if (form.Id is { } id && await JoinKeywordOfAsync(db, id, word, ct) is { } list)
            {
                context.AddFailure($"\"{word}\" joins the list {list}; change that list's keyword first.");
            }
        }
    }

    /// <summary>The list a word would join on this sender code (compared as texts are: folded letters and digits).</summary>
    private static async Task<string?> JoinKeywordOfAsync(AppDbContext db, int senderCodeId, string word, CancellationToken ct)
    {
        var key = KeywordText.Key(word);
        return await db.ListKeywords.Where(k => k.SenderCodeId == senderCodeId && k.MatchKey == key).Select(k => k.List!.Name).FirstOrDefaultAsync(ct);
    }

    private static string Describe(InboundReading reading) => reading.Meaning switch
    {
        InboundMeaning.OptOut => $"opt-out ({reading.Matched})",
        InboundMeaning.OptIn => $"opt-in ({reading.Matched})",
        InboundMeaning.Help => $"help ({reading.Matched})",
        InboundMeaning.Confirm => "Y (confirm)",
        _ => "a request to stop",
    };
}
