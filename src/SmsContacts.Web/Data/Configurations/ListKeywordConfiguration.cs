using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

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
