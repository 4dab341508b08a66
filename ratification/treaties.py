"""The catalogue of the 18 core UN human-rights instruments that Coalition tracks.

Plain data, no queries: `load_reference_data` creates or updates one `Treaty` row per entry, and
the UNTC importer looks treaties up here by their UNTC reference (e.g. "IV-13") so that a page can
be imported into an empty database.

Entry into force for a state that joins after the treaty itself entered into force follows each
instrument's own final clauses; the article is named beside every entry.
"""

from __future__ import annotations

from dataclasses import dataclass

UNTC_URL = (
    "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={ref}&chapter=4&clang=_en"
)


@dataclass(frozen=True, slots=True)
class CatalogueTreaty:
    slug: str
    short_name: str
    name: str
    untc_reference: str
    position: int
    file_name: str
    parent_slug: str = ""
    eif_delay_months: int = 0
    eif_delay_days: int = 30
    eif_first_of_next_month: bool = False

    @property
    def source_url(self) -> str:
        return UNTC_URL.format(ref=self.untc_reference)


CATALOGUE: tuple[CatalogueTreaty, ...] = (
    CatalogueTreaty(
        slug="icrmw",
        short_name="ICRMW",
        name=(
            "International Convention on the Protection of the Rights of All Migrant Workers "
            "and Members of Their Families"
        ),
        untc_reference="IV-13",
        position=1,
        file_name="cmw.html",
        # Art. 87(2): "on the first day of the month following a period of three months after
        # the date of the deposit".
        eif_delay_months=3,
        eif_delay_days=0,
        eif_first_of_next_month=True,
    ),
    CatalogueTreaty(
        slug="cerd",
        short_name="ICERD",
        name="International Convention on the Elimination of All Forms of Racial Discrimination",
        untc_reference="IV-2",
        position=2,
        file_name="cerd.html",
        # art. 19(2): "on the thirtieth day after the date of the deposit".
        eif_delay_months=0,
        eif_delay_days=30,
    ),
    CatalogueTreaty(
        slug="icescr",
        short_name="ICESCR",
        name="International Covenant on Economic, Social and Cultural Rights",
        untc_reference="IV-3",
        position=3,
        file_name="icescr.html",
        # art. 27(2): "three months after the date of the deposit".
        eif_delay_months=3,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="icescr-op",
        short_name="ICESCR-OP",
        name="Optional Protocol to the International Covenant on Economic, Social and Cultural Rights",
        untc_reference="IV-3-a",
        position=4,
        file_name="icescr_op.html",
        parent_slug="icescr",
        # art. 18(2): "three months after the date of the deposit".
        eif_delay_months=3,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="iccpr",
        short_name="ICCPR",
        name="International Covenant on Civil and Political Rights",
        untc_reference="IV-4",
        position=5,
        file_name="iccpr.html",
        # art. 49(2): "three months after the date of the deposit".
        eif_delay_months=3,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="iccpr-op1",
        short_name="ICCPR-OP1",
        name="Optional Protocol to the International Covenant on Civil and Political Rights",
        untc_reference="IV-5",
        position=6,
        file_name="iccpr_op1.html",
        parent_slug="iccpr",
        # art. 9(2): "three months after the date of the deposit".
        eif_delay_months=3,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="iccpr-op2",
        short_name="ICCPR-OP2",
        name=(
            "Second Optional Protocol to the International Covenant on Civil and Political "
            "Rights, aiming at the abolition of the death penalty"
        ),
        untc_reference="IV-12",
        position=7,
        file_name="iccpr_op2.html",
        parent_slug="iccpr",
        # art. 8(2): "three months after the date of the deposit".
        eif_delay_months=3,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="cedaw",
        short_name="CEDAW",
        name="Convention on the Elimination of All Forms of Discrimination against Women",
        untc_reference="IV-8",
        position=8,
        file_name="cedaw.html",
        # art. 27(2): "on the thirtieth day after the date of the deposit".
        eif_delay_months=0,
        eif_delay_days=30,
    ),
    CatalogueTreaty(
        slug="cedaw-op",
        short_name="CEDAW-OP",
        name=(
            "Optional Protocol to the Convention on the Elimination of All Forms of "
            "Discrimination against Women"
        ),
        untc_reference="IV-8-b",
        position=9,
        file_name="cedaw_op.html",
        parent_slug="cedaw",
        # art. 16(2): "three months after the date of the deposit".
        eif_delay_months=3,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="cat",
        short_name="CAT",
        name=(
            "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or "
            "Punishment"
        ),
        untc_reference="IV-9",
        position=10,
        file_name="cat.html",
        # art. 27(2): "on the thirtieth day after the date of the deposit".
        eif_delay_months=0,
        eif_delay_days=30,
    ),
    CatalogueTreaty(
        slug="cat-op",
        short_name="OPCAT",
        name=(
            "Optional Protocol to the Convention against Torture and Other Cruel, Inhuman or "
            "Degrading Treatment or Punishment"
        ),
        untc_reference="IV-9-b",
        position=11,
        file_name="cat_op.html",
        parent_slug="cat",
        # art. 28(2): "on the thirtieth day after the date of the deposit".
        eif_delay_months=0,
        eif_delay_days=30,
    ),
    CatalogueTreaty(
        slug="crc",
        short_name="CRC",
        name="Convention on the Rights of the Child",
        untc_reference="IV-11",
        position=12,
        file_name="crc.html",
        # art. 49(2): "on the thirtieth day after the date of the deposit".
        eif_delay_months=0,
        eif_delay_days=30,
    ),
    CatalogueTreaty(
        slug="crc-op-ac",
        short_name="CRC-OP-AC",
        name=(
            "Optional Protocol to the Convention on the Rights of the Child on the involvement "
            "of children in armed conflict"
        ),
        untc_reference="IV-11-b",
        position=13,
        file_name="crc_op_ac.html",
        parent_slug="crc",
        # art. 10(2): "one month after the date of the deposit".
        eif_delay_months=1,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="crc-op-sc",
        short_name="CRC-OP-SC",
        name=(
            "Optional Protocol to the Convention on the Rights of the Child on the sale of "
            "children, child prostitution and child pornography"
        ),
        untc_reference="IV-11-c",
        position=14,
        file_name="crc_op_sc.html",
        parent_slug="crc",
        # art. 14(2): "one month after the date of the deposit".
        eif_delay_months=1,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="crc-op-ic",
        short_name="CRC-OP-IC",
        name=(
            "Optional Protocol to the Convention on the Rights of the Child on a communications "
            "procedure"
        ),
        untc_reference="IV-11-d",
        position=15,
        file_name="crc_op_ic.html",
        parent_slug="crc",
        # art. 19(2): "three months after the date of the deposit".
        eif_delay_months=3,
        eif_delay_days=0,
    ),
    CatalogueTreaty(
        slug="crpd",
        short_name="CRPD",
        name="Convention on the Rights of Persons with Disabilities",
        untc_reference="IV-15",
        position=16,
        file_name="crpd.html",
        # art. 45(2): "on the thirtieth day after the date of the deposit".
        eif_delay_months=0,
        eif_delay_days=30,
    ),
    CatalogueTreaty(
        slug="crpd-op",
        short_name="CRPD-OP",
        name="Optional Protocol to the Convention on the Rights of Persons with Disabilities",
        untc_reference="IV-15-a",
        position=17,
        file_name="crpd_op.html",
        parent_slug="crpd",
        # art. 13(2): "on the thirtieth day after the date of the deposit".
        eif_delay_months=0,
        eif_delay_days=30,
    ),
    CatalogueTreaty(
        slug="ced",
        short_name="CED",
        name="International Convention for the Protection of All Persons from Enforced Disappearance",
        untc_reference="IV-16",
        position=18,
        file_name="ced.html",
        # art. 39(2): "on the thirtieth day after the date of the deposit".
        eif_delay_months=0,
        eif_delay_days=30,
    ),
)

BY_SLUG: dict[str, CatalogueTreaty] = {t.slug: t for t in CATALOGUE}
BY_REFERENCE: dict[str, CatalogueTreaty] = {t.untc_reference: t for t in CATALOGUE}
