using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.SenderCodes;

public sealed class ListForm
{
    public int? Id { get; set; }

    public int SenderCodeId { get; set; }

    [Display(Name = "List name")]
    public string Name { get; set; } = "";

    /// <summary>Optional: a list can have no join keyword (contacts then come by import or by hand).</summary>
    [Display(Name = "Join keywords")]
    public string? Keywords { get; set; }

    [Display(Name = "Require double opt-in")]
    public bool DoubleOptIn { get; set; }

    [Display(Name = "Welcome message (subscription journey)")]
    public string? WelcomeMessage { get; set; }

    /// <summary>
    /// "join, Join  Now ; vip" → ["JOIN", "JOIN NOW", "VIP"]. Commas, semicolons and line breaks separate
    /// keywords; a keyword with spaces is one phrase, matched whole, never split into words.
    /// </summary>
    public IReadOnlyList<string> ParsedKeywords() => SenderCodeWords.Split(Keywords);
}

public sealed class ListFormValidator : AbstractValidator<ListForm>
{
    public const int MaxKeywordLength = 30;

    public ListFormValidator(AppDbContext db)
    {
        RuleFor(f => f.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a list name.")
            .MaximumLength(100)
            .MustAsync(async (form, name, ct) => !await db.Lists.AnyAsync(l => l.SenderCodeId == form.SenderCodeId && l.Name == name.Trim() && l.Id != (form.Id ?? 0), ct))
            .WithMessage("This sender code already has a list with that name.");

        RuleFor(f => f.Keywords).CustomAsync(async (_, context, ct) =>
        {
            var form = context.InstanceToValidate;
            var senderCode = await db.SenderCodes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == form.SenderCodeId, ct);
            var matcher = senderCode is null ? InboundMatcher.Default : InboundMatcher.For(senderCode);
            var seen = new Dictionary<string, string>();
            foreach (var keyword in form.ParsedKeywords())
            {
                var key = KeywordText.Key(keyword);
                if (keyword.Length > MaxKeywordLength || key.Length is < 2 or > MaxKeywordLength)
                {
                    context.AddFailure($"Keyword \"{keyword}\" must be at most {MaxKeywordLength} characters, with 2 to {MaxKeywordLength} letters or digits.");
                }
                else if (seen.TryGetValue(key, out var same))
                {
                    context.AddFailure($"\"{same}\" and \"{keyword}\" are the same keyword (case, spaces and punctuation do not count).");
                }
                else if (KeywordProblem(matcher, keyword) is { } problem)
                {
                    context.AddFailure(problem);
                }
                else if (await db.ListKeywords.AnyAsync(k => k.SenderCodeId == form.SenderCodeId && k.MatchKey == key && k.ListId != (form.Id ?? 0), ct))
                {
                    context.AddFailure($"Keyword \"{keyword}\" already joins another list of this sender code.");
                }

                seen.TryAdd(key, keyword);
            }
        });

        RuleFor(f => f.WelcomeMessage).MaximumLength(480);
    }

    /// <summary>
    /// Why a word cannot join a list: the inbound matcher reads it as something else (an opt-out word or request,
    /// an opt-in, help or Y word). Null when it reads as no keyword, so a text of exactly it can only mean "join".
    /// </summary>
    public static string? KeywordProblem(InboundMatcher matcher, string keyword) => matcher.Read(keyword) switch
    {
        { Meaning: InboundMeaning.Other } => null,
        { Meaning: InboundMeaning.OptOut, Matched: var word } => $"\"{keyword}\" reads as the opt-out word {word} and cannot join a list.",
        { Meaning: InboundMeaning.Review } => $"\"{keyword}\" might mean stop, so it cannot join a list.",
        { Matched: var word } => $"\"{keyword}\" is reserved ({word}: opt-in, help or Y words) and cannot join a list.",
    };
}
