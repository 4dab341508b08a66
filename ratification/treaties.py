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
    # The UN's official Spanish title and the acronym Spanish-language texts use (blank: the
    # English acronym is also the Spanish one), and a one-sentence description in each language.
    name_es: str = ""
    short_name_es: str = ""
    description: str = ""
    description_es: str = ""

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
        name_es="Convención Internacional sobre la protección de los derechos de todos los trabajadores migratorios y de sus familiares",
        description="Protects the human rights of migrant workers and their families at every stage of migration, whatever their immigration status.",
        description_es="Protege los derechos humanos de los trabajadores migratorios y de sus familiares en todas las etapas de la migración, cualquiera que sea su situación migratoria.",
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
        name_es="Convención Internacional sobre la Eliminación de todas las Formas de Discriminación Racial",
        description="Commits states to eliminate racial discrimination in all its forms and to promote understanding among all races.",
        description_es="Compromete a los Estados a eliminar la discriminación racial en todas sus formas y a promover el entendimiento entre todas las razas.",
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
        name_es="Pacto Internacional de Derechos Económicos, Sociales y Culturales",
        short_name_es="PIDESC",
        description="Recognises the rights to work, fair conditions of work, social security, health, education and an adequate standard of living.",
        description_es="Reconoce los derechos al trabajo, a condiciones de trabajo equitativas, a la seguridad social, a la salud, a la educación y a un nivel de vida adecuado.",
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
        name_es="Protocolo Facultativo del Pacto Internacional de Derechos Económicos, Sociales y Culturales",
        short_name_es="PF-PIDESC",
        description="Lets individuals and groups bring complaints about violations of the Covenant to its Committee.",
        description_es="Permite a personas y grupos presentar al Comité comunicaciones sobre violaciones del Pacto.",
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
        name_es="Pacto Internacional de Derechos Civiles y Políticos",
        short_name_es="PIDCP",
        description="Protects civil and political rights such as life, liberty, a fair trial, freedom of expression and of association, and participation in public affairs.",
        description_es="Protege derechos civiles y políticos como la vida, la libertad, el juicio justo, las libertades de expresión y de asociación y la participación en los asuntos públicos.",
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
        name_es="Protocolo Facultativo del Pacto Internacional de Derechos Civiles y Políticos",
        short_name_es="PF1-PIDCP",
        description="Lets individuals bring complaints about violations of the Covenant to the Human Rights Committee.",
        description_es="Permite a las personas presentar al Comité de Derechos Humanos comunicaciones sobre violaciones del Pacto.",
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
        name_es="Segundo Protocolo Facultativo del Pacto Internacional de Derechos Civiles y Políticos, destinado a abolir la pena de muerte",
        short_name_es="PF2-PIDCP",
        description="Commits its parties to abolish the death penalty.",
        description_es="Compromete a sus Estados partes a abolir la pena de muerte.",
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
        name_es="Convención sobre la eliminación de todas las formas de discriminación contra la mujer",
        description="Commits states to end discrimination against women in public and private life, including at work and in the family.",
        description_es="Compromete a los Estados a eliminar la discriminación contra la mujer en la vida pública y privada, incluidos el trabajo y la familia.",
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
        name_es="Protocolo Facultativo de la Convención sobre la eliminación de todas las formas de discriminación contra la mujer",
        short_name_es="PF-CEDAW",
        description="Lets individuals bring complaints to the CEDAW Committee and allows it to inquire into grave or systematic violations.",
        description_es="Permite presentar comunicaciones al Comité de la CEDAW y lo faculta para investigar violaciones graves o sistemáticas.",
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
        name_es="Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o Degradantes",
        description="Prohibits torture in all circumstances and commits states to prevent it, punish it and not return anyone to a country where they risk it.",
        description_es="Prohíbe la tortura en toda circunstancia y compromete a los Estados a prevenirla, castigarla y no devolver a nadie a un país donde corra ese riesgo.",
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
        name_es="Protocolo Facultativo de la Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o Degradantes",
        description="Sets up regular visits by international and national bodies to places where people are deprived of their liberty, including immigration detention.",
        description_es="Establece visitas periódicas de órganos internacionales y nacionales a los lugares de privación de libertad, incluida la detención de migrantes.",
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
        name_es="Convención sobre los Derechos del Niño",
        short_name_es="CDN",
        description="Sets out the civil, political, economic, social and cultural rights of every child, migrant children included.",
        description_es="Enuncia los derechos civiles, políticos, económicos, sociales y culturales de todos los niños y niñas, incluidos los migrantes.",
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
        name_es="Protocolo facultativo de la Convención sobre los Derechos del Niño relativo a la participación de niños en los conflictos armados",
        short_name_es="PF-CDN-CA",
        description="Raises the minimum age for taking part in hostilities and for compulsory recruitment to 18.",
        description_es="Eleva a 18 años la edad mínima para participar en hostilidades y para el reclutamiento obligatorio.",
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
        name_es="Protocolo facultativo de la Convención sobre los Derechos del Niño relativo a la venta de niños, la prostitución infantil y la utilización de niños en la pornografía",
        short_name_es="PF-CDN-VN",
        description="Requires states to criminalise the sale of children, child prostitution and child sexual abuse material, and to protect child victims.",
        description_es="Obliga a los Estados a tipificar como delito la venta de niños, la prostitución infantil y la pornografía infantil, y a proteger a los niños víctimas.",
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
        name_es="Protocolo facultativo de la Convención sobre los Derechos del Niño relativo a un procedimiento de comunicaciones",
        short_name_es="PF-CDN-PC",
        description="Lets children, or others on their behalf, bring complaints about violations of their rights to the Committee on the Rights of the Child.",
        description_es="Permite que los niños, o quienes actúen en su nombre, presenten al Comité de los Derechos del Niño comunicaciones sobre violaciones de sus derechos.",
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
        name_es="Convención sobre los derechos de las personas con discapacidad",
        short_name_es="CDPD",
        description="Protects the rights and dignity of persons with disabilities and their full and equal participation in society.",
        description_es="Protege los derechos y la dignidad de las personas con discapacidad y su participación plena y en igualdad de condiciones en la sociedad.",
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
        name_es="Protocolo Facultativo de la Convención sobre los derechos de las personas con discapacidad",
        short_name_es="PF-CDPD",
        description="Lets individuals bring complaints about violations of the Convention to its Committee.",
        description_es="Permite a las personas presentar al Comité comunicaciones sobre violaciones de la Convención.",
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
        name_es="Convención Internacional para la protección de todas las personas contra las desapariciones forzadas",
        description="Prohibits enforced disappearance in all circumstances and gives families the right to know the truth about their relatives.",
        description_es="Prohíbe la desaparición forzada en toda circunstancia y reconoce a las familias el derecho a conocer la verdad sobre sus allegados.",
    ),
)

BY_SLUG: dict[str, CatalogueTreaty] = {t.slug: t for t in CATALOGUE}
BY_REFERENCE: dict[str, CatalogueTreaty] = {t.untc_reference: t for t in CATALOGUE}
