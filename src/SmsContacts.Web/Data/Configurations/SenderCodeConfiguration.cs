using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>
/// Sender codes are never deleted (their history must stay), so every foreign key to them is
/// NO ACTION; that also keeps SQL Server free of multiple cascade paths.
/// </summary>
internal sealed class SenderCodeConfiguration : IEntityTypeConfiguration<SenderCode>
{
    public void Configure(EntityTypeBuilder<SenderCode> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(20);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.CountryCode).HasMaxLength(2);
        builder.Property(s => s.HelpText).HasMaxLength(480);
        builder.Property(s => s.ExtraOptOutWords).HasMaxLength(500);
        builder.Property(s => s.ExtraOptInWords).HasMaxLength(500);
        builder.Property(s => s.ExtraHelpWords).HasMaxLength(500);
        builder.Property(s => s.OptOutConfirmation).HasMaxLength(320);
        builder.HasIndex(s => s.Code).IsUnique();
    }
}

internal sealed class ContactListConfiguration : IEntityTypeConfiguration<ContactList>
{
    public void Configure(EntityTypeBuilder<ContactList> builder)
    {
        builder.ToTable("Lists");
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.WelcomeMessage).HasMaxLength(480);
        builder.HasOne(l => l.SenderCode).WithMany(s => s.Lists).HasForeignKey(l => l.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(l => new { l.SenderCodeId, l.Name }).IsUnique();
    }
}

internal sealed class ListKeywordConfiguration : IEntityTypeConfiguration<ListKeyword>
{
    public void Configure(EntityTypeBuilder<ListKeyword> builder)
    {
        builder.Property(k => k.Keyword).HasMaxLength(30);
        builder.Property(k => k.MatchKey).HasMaxLength(30);
        builder.HasOne(k => k.List).WithMany(l => l.Keywords).HasForeignKey(k => k.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(k => k.SenderCodeId).OnDelete(DeleteBehavior.NoAction);

        // A keyword can only mean one list on a sender code, however it is spelled ("JOIN NOW" = "JOINNOW").
        builder.HasIndex(k => new { k.SenderCodeId, k.MatchKey }).IsUnique();
    }
}
