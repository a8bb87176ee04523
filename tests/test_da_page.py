"""Reading DA pages: layout detection, every layout read, and what titles, headers and bodies say.

The corpus pages themselves are checked one by one in ``test_corpus_pages.py``; this file checks the
readers and the heuristics on small pages written for the purpose.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rdfkit.converters.da_page import DaPageConverter
from rdfkit.converters.text import parse_date, parse_people, title_case
from rdfkit.errors import ConversionError
from rdfkit.model import Document
from rdfkit.pipeline import convert
from rdfkit.sources.da_page import detect_layout, read_da_bytes, read_da_page, read_da_records, record_id_from_url

PAGES = Path(__file__).parent / "data" / "corpus" / "pages"
INDEX = list(csv.DictReader((PAGES / "index.tsv").open(encoding="utf-8"), delimiter="\t"))


def page(text: str, name: str = "page.txt") -> list[Document]:
    return DaPageConverter().convert(text.encode("utf-8"), Path(name), name)


def roles(doc: Document) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in list(doc.attributions) + [r for e in doc.events for r in e.participants]:
        out.setdefault(r.agent.name, set()).update(r.roles)
    return out


# --- layouts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", INDEX, ids=[r["file"] for r in INDEX])
def test_layout_is_detected(row: dict) -> None:
    expected = "listing" if row["kind"] == "listing" else row["layout_notes"].split()[0]
    assert detect_layout((PAGES / row["file"]).read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("row", [r for r in INDEX if r["kind"] == "document"], ids=lambda r: r["file"])
def test_document_pages_of_every_layout_give_the_date_and_title_a_reader_sees(row: dict) -> None:
    result = convert([PAGES / row["file"]])
    assert not result.errors, [str(e) for e in result.errors]
    (doc,) = result.documents
    assert doc.title == row["title_shown"]
    assert doc.date == parse_date(row["date_shown"])


@pytest.mark.parametrize("name", ["009.txt", "016.txt", "048.txt"])
def test_old_site_pages_are_read_from_their_citation_block(name: str) -> None:
    page_ = read_da_page(PAGES / name)
    assert page_.layout == "old-html"
    assert page_.citation is not None and "History and Public Policy Program Digital Archive" in page_.citation.text
    assert page_.summary is not None and not page_.summary.text.startswith('"')
    assert page_.field("Source") and "Digital Archive" not in page_.field("Source")  # type: ignore[operator]
    assert page_.body and page_.body[0].text not in ("English HTML", "• share document")


def test_old_site_page_with_the_summary_first_and_the_title_over_two_lines() -> None:
    page_ = read_da_page(PAGES / "020.txt")
    assert page_.title.text.endswith("on 9 and 12 July 1956 (Re: Point IV of Protocol No. 28)")  # "(1)" dropped
    assert page_.summary is not None and page_.summary.text.startswith("In their meeting on July 9 and 12")
    assert page_.body[0].text.startswith("Those Taking Part:")


@pytest.mark.parametrize("name, language, record", [("011.txt", "Russian", "117334"), ("036.txt", "Romanian", "116247")])
def test_pdf_exports_are_read_field_by_field(name: str, language: str, record: str) -> None:
    page_ = read_da_page(PAGES / name)
    assert page_.layout == "pdf-export"
    assert page_.field("Original Language") == language
    assert page_.summary is not None and page_.summary.text.endswith(".")
    assert page_.funders[0].text == "Leon Levy Foundation"
    assert record_id_from_url(page_.url) == record
    assert all("Summary:" not in p.text and "Contents:" not in p.text for p in page_.body)


def test_flattened_pdf_text_is_cut_at_speaker_labels() -> None:
    body = [p.text for p in read_da_page(PAGES / "036.txt").body]
    assert any(t.startswith("M.S. Gorbachev: Comrade Ceausescu") for t in body)
    assert body[0] == "Minutes of the Meeting between Nicolae Ceausescu, and Mikhail S. Gorbachev, Moscow, 4 December 1989"


def test_a_listing_page_is_one_record_per_entry_and_not_one_document_page() -> None:
    raw = (PAGES / "L003.txt").read_bytes()
    records = read_da_records(raw, PAGES / "L003.txt")
    assert [r.layout for r in records] == ["listing"] * 7
    with pytest.raises(ConversionError) as err:
        read_da_bytes(raw, PAGES / "L003.txt")
    assert "L003.txt" in str(err.value) and "read_da_records" in str(err.value)


def test_record_ids_come_from_old_site_urls_not_from_slugs_or_node_numbers() -> None:
    assert record_id_from_url("https://digitalarchive.wilsoncenter.org/document/110429") == "110429"
    assert record_id_from_url("https://digitalarchive.wilsoncenter.org/document/ciphered-telegram-shtykov") is None
    assert record_id_from_url("https://wilson-center-digital-archive.dvincitest.com/node/102512") is None
    assert record_id_from_url("https://docslib.org/download/7981906/november-06-1962") is None


def test_a_folder_of_pages_of_every_layout_converts_completely() -> None:
    result = convert([PAGES])
    assert not result.errors, [str(e) for e in result.errors]
    assert len(result.documents) == 16 + 7 + 4
    assert len({d.key for d in result.documents}) == len(result.documents)


# --- errors ---------------------------------------------------------------------------------------


def test_text_that_is_not_utf8_is_refused_with_its_line() -> None:
    with pytest.raises(ConversionError) as err:
        read_da_bytes(b"Skip to content\n\nJune 8, 1962\n\n\xff\n", Path("bad.txt"))
    assert err.value.line == 5 and "UTF-8" in str(err.value)


@pytest.mark.parametrize("text, what", [
    ("Skip to content\n\n", "empty"),
    ("Skip to content\n\nJune 8, 1962\n", "no title"),
    ("URL: https://digitalarchive.wilsoncenter.org/search?q=x\n\n1 - 10 of 20\n", "no entries"),
])
def test_pages_with_nothing_to_read_are_refused_with_what_to_do(text: str, what: str) -> None:
    with pytest.raises(ConversionError) as err:
        read_da_bytes(text.encode(), Path("p.txt"))
    assert what in str(err.value) and err.value.hint


def test_a_record_id_that_is_not_a_number_is_an_error_with_its_line() -> None:
    text = "Skip to content\n\nJune 8, 1962\n\nMinutes\n\nText.\n\nSummary.\n\nDocument Information\n\nRecord ID\n\n12a\n"
    with pytest.raises(ConversionError) as err:
        page(text)
    assert err.value.line == 15


# --- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shown, iso, datatype", [
    ("November 04, 1962", "1962-11-04", "date"),
    ("September 1944", "1944-09", "gYearMonth"),
    ("1958", "1958", "gYear"),
])
def test_the_document_date_is_the_date_the_da_shows(shown: str, iso: str, datatype: str) -> None:
    (doc,) = page(f"Skip to content\n\n{shown}\n\nNote from Milovoje Maksić\n\nText.\n")
    assert doc.date is not None and (doc.date.iso, doc.date.datatype) == (iso, datatype)


@pytest.mark.parametrize("text, iso", [
    ("24.X.1957", "1957-10-24"), ("8.II.1950", "1950-02-08"), ("1972 September 25th", "1972-09-25"),
    ("9 and 12 July 1956", "1956-07-09"), ("25th of May 1987", "1987-05-25"),
])
def test_dates_as_documents_write_them(text: str, iso: str) -> None:
    value = parse_date(text)
    assert value is not None and value.iso == iso


def test_a_meeting_date_that_differs_from_the_document_date() -> None:
    (doc,) = page("Skip to content\n\nOctober 24, 1957\n\nNotes from a Conversation with Comrade Pelishenko\n\n"
                  "From a conversation with comr. Pelishenko on 22.X.1957\n\n"
                  "Pelishenko is in close contact with leading personalities and is well-oriented in the issues.\n")
    assert doc.date is not None and doc.date.iso == "1957-10-24"
    assert doc.events[0].date is not None and doc.events[0].date.iso == "1957-10-22"


# --- titles ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("title, author, recipients", [
    ("Cable, Zhou Enlai to Mao Zedong", "Zhou Enlai", {"Mao Zedong"}),
    ("Ciphered Telegram, Shtykov to Vyshinsky", "Shtykov", {"Vyshinsky"}),
    ("Letter from Gomulka to Khrushchev", "Gomulka", {"Khrushchev"}),
    ("Message from Bagirov to Mikoyan on Publishing in Southern Azerbaijan", "Bagirov", {"Mikoyan"}),
    ("Telegram from Soviet Ambassador to Cuba A.I. Alekseev to USSR Foreign Ministry", "A.I. Alekseev",
     {"USSR Foreign Ministry"}),
    ("Ciphered Telegram from Anastas Mikoyan to CC CPSU", "Anastas Mikoyan", {"CC CPSU"}),
    ("Letter to Mao Zedong from I.V. Stalin", "I.V. Stalin", {"Mao Zedong"}),
    ("Telegram from Kim Il Sung to Stalin and Mao Zedong, 'On the Situation at the Front'", "Kim Il Sung",
     {"Stalin", "Mao Zedong"}),
])
def test_a_title_naming_a_sender_and_addressees(title: str, author: str, recipients: set[str]) -> None:
    (doc,) = page(f"Skip to content\n\nJune 8, 1962\n\n{title}\n\nText.\n")
    assert {r.agent.name for r in doc.attributions if "author" in r.roles} == {author}
    assert {r.agent.name for r in doc.attributions if "recipient" in r.roles} == recipients
    assert not doc.events


def test_addressees_that_are_organisations() -> None:
    (doc,) = page("Skip to content\n\nJune 8, 1962\n\nCiphered Telegram from Anastas Mikoyan to CC CPSU\n\nText.\n")
    (recipient,) = [r.agent for r in doc.attributions if "recipient" in r.roles]
    assert recipient.kind == "organization"


def test_a_sender_with_a_position() -> None:
    (doc,) = page("Skip to content\n\nNovember 4, 1962\n\n"
                  "Telegram from Soviet Ambassador to Cuba A.I. Alekseev to USSR Foreign Ministry\n\nText.\n")
    (author,) = [r for r in doc.attributions if "author" in r.roles]
    assert (author.agent.name, author.position) == ("A.I. Alekseev", "Soviet Ambassador to Cuba")


@pytest.mark.parametrize("title, participants", [
    ("Memorandum of Conversation between Mao Zedong and Henry Kissinger", {"Mao Zedong", "Henry Kissinger"}),
    ("Minutes of Conversation between I.V. Stalin and Zhou Enlai", {"I.V. Stalin", "Zhou Enlai"}),
    ("Record of Meeting of Comrade N.S. Khrushchev with Comrade W. Ulbricht", {"N.S. Khrushchev", "W. Ulbricht"}),
    ("Report on Conversation between Prof. Manfred Gerlach and Kim Il Sung", {"Manfred Gerlach", "Kim Il Sung"}),
    ("Notes from a Conversation between the 1st Secretary of the PRL Embassy in the DPRK with Comrade Pelishenko, "
     "Counselor of the Embassy of the USSR", {"Pelishenko"}),
    ("Record of a Conversation with Ambassador of the Mongolian People's Republic in the DPRK Cde. Nudenkhugiin "
     "Yadamjav", {"Nudenkhugiin Yadamjav"}),
    ("Record of the First Meeting between Prime Minister Tanaka and Premier Zhou Enlai", {"Tanaka", "Zhou Enlai"}),
    ("Note regarding the Meeting between Ilie Verdeț and Ji Denggui", {"Ilie Verdeț", "Ji Denggui"}),
])
def test_a_title_naming_a_meeting(title: str, participants: set[str]) -> None:
    (doc,) = page(f"Skip to content\n\nJune 8, 1962\n\n{title}\n\nText.\n")
    (event,) = doc.events
    assert {r.agent.name for r in event.participants} == participants
    assert all(r.roles == ["participant"] for r in event.participants)


def test_a_title_naming_the_meetings_date_and_place() -> None:
    (doc,) = page("Skip to content\n\nMay 26, 1987\n\nMemorandum about the Discussion between Comrade Minister Mielke "
                  "and Colonel General Ch’oe Dwu Sen [sic], on May 25, 1987 in Berlin\n\nText.\n")
    (event,) = doc.events
    assert (doc.date.iso, event.date.iso, event.place) == ("1987-05-26", "1987-05-25", "Berlin")  # type: ignore[union-attr]
    assert {r.agent.name for r in event.participants} == {"Mielke", "Ch’oe Dwu Sen"}  # [sic] kept out of names
    assert doc.title.endswith("Ch’oe Dwu Sen [sic], on May 25, 1987 in Berlin")  # but kept in the title


@pytest.mark.parametrize("title, author, participants", [
    ("Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 1 January 1957", "A.M. Puzanov", set()),
    ("Excerpt from the Diary of Soviet Ambassador S.V. Chervonenko, 'Record of a Conversation with Zhou Enlai, "
     "2 June 1962'", "S.V. Chervonenko", {"Zhou Enlai"}),
    ("Minutes, Mao Zedong's Conversation with a Yugoslav Communist Union Delegation, Beijing, September 1956", None,
     {"Mao Zedong", "Yugoslav Communist Union Delegation"}),
    ("Cable, Summary of Averell Harriman Meeting with Stalin and T. V. Soong", None,
     {"Averell Harriman", "Stalin", "T. V. Soong"}),
])
def test_more_ways_titles_name_writers_and_meetings(title: str, author: str | None, participants: set[str]) -> None:
    (doc,) = page(f"Skip to content\n\nJune 8, 1962\n\n{title}\n\nText.\n")
    assert {r.agent.name for r in doc.attributions if "author" in r.roles} == ({author} if author else set())
    assert {r.agent.name for e in doc.events for r in e.participants} == participants


def test_a_pdf_export_with_its_heading_words_in_another_order() -> None:
    text = ("URL: https://docslib.org/x\n\nDigital Archive International History Declassified "
            "digitalarchive.wilsoncenter.org May 14, 1961 Letter from Nikita Khrushchev to John F. Kennedy Citation: "
            "\"Letter from Nikita Khrushchev to John F. Kennedy,\" May 14, 1961, History and Public Policy Program "
            "Digital Archive, RGANI, f. 5, op. 30, d. 335, ll. 92-96. Translated by Gary Goldberg. "
            "https://digitalarchive.wilsoncenter.org/document/119999 Summary: Khrushchev writes to Kennedy. "
            "Original Language: Russian Contents: English Translation Scan of Original Document Dear Mr. President, "
            "I have received your letter and I answer it now. N. KHRUSHCHEV\n")
    (doc,) = page(text)
    assert (doc.key, doc.title, doc.summary) == ("da-119999", "Letter from Nikita Khrushchev to John F. Kennedy",
                                                 "Khrushchev writes to Kennedy.")
    assert [c.verbatim for c in doc.citations] == ["RGANI, f. 5, op. 30, d. 335, ll. 92-96"]
    assert roles(doc) == {"Nikita Khrushchev": {"author", "signatory"}, "John F. Kennedy": {"recipient"}}


def test_a_journal_keeper_is_the_author() -> None:
    (doc,) = page("Skip to content\n\nMarch 12, 1957\n\nFrom the Journal of V.I. Pelishenko, 'Record of a Conversation "
                  "with Kim Il Sung, 8 March 1957'\n\nText.\n")
    assert roles(doc) == {"V.I. Pelishenko": {"author"}, "Kim Il Sung": {"participant"}}
    assert "diary" in doc.doctypes
    assert doc.events[0].date is not None and doc.events[0].date.iso == "1957-03-08"


def test_an_old_site_title_in_capitals_is_written_as_a_title() -> None:
    text = ("URL: http://digitalarchive.wilsoncenter.org/document/112345\n\nMay 1960\n\n"
            "    The Soviet Ambassador reports on his meeting with Chinese leaders about the Sino-Soviet split and "
            "discusses Khrushchev's recent speech at length with Liu Shaoqi.\n"
            "MEMORANDUM OF CONVERSATION BETWEEN SOVIET AMBASSADOR S.V. CHERVONENKO AND LIU SHAOQI\n\n"
            "Russian HTML\n\nЗапись беседы с Лю Шаоци\n\nEnglish HTML\n\n"
            "Ambassador Chervonenko: I want to say that the Soviet government is worried about this.\n")
    (doc,) = page(text)
    assert doc.title == "Memorandum of Conversation between Soviet Ambassador S.V. Chervonenko and Liu Shaoqi"
    assert doc.key == "da-112345" and doc.date is not None and doc.date.datatype == "gYearMonth"
    assert roles(doc) == {"S.V. Chervonenko": {"participant", "speaker"}, "Liu Shaoqi": {"participant"}}
    assert any("capitals" in w for w in doc.warnings)
    assert title_case("CIPHERED TELEGRAM FROM A.I. MIKOYAN TO CC CPSU") == "Ciphered Telegram from A.I. Mikoyan to CC CPSU"


# --- headers and bodies -----------------------------------------------------------------------------------

MEETING = """Skip to content

February 23, 1972

Memorandum of Conversation between Mao Zedong and Henry Kissinger

{header}

Mao Zedong: Welcome. The Doctor has come again, and we are glad that he has come so soon.

Henry Kissinger (hereafter Kissinger): Thank you, Mr. Chairman. It is an honor to be received again.

Kissinger: We have much to discuss.
"""


@pytest.mark.parametrize("header, place", [
    ("Date: February 23, 1972, 2:00 p.m.\n\nPlace: Chairman Mao's residence\n\n"
     "Present: Zhou Enlai; Winston Lord, NSC Staff\n\nRecorded by: Winston Lord\n\nInterpreter: Tang Wensheng",
     "Chairman Mao's residence"),
    ("Time: 23 February 1972, 2:00 p.m. – 3:10 p.m.\n\nVenue: Chairman Mao's residence\n\n"
     "Participants: Zhou Enlai, Winston Lord\n\nMinutes Prepared: Winston Lord\n\nInterpreter: Tang Wensheng",
     "Chairman Mao's residence"),
    ("23 February 1972\n\nIn Attendance\n\nPremier Zhou Enlai\n\nNSC Staff Winston Lord\n\n"
     "Translated by\n\nTang Wensheng\n\nRecorded by: Winston Lord", None),
])
def test_header_fields_name_the_meetings_people(header: str, place: str | None) -> None:
    (doc,) = page(MEETING.format(header=header))
    (event,) = doc.events
    assert event.date is not None and event.date.iso == "1972-02-23"
    assert event.place == place
    people = roles(doc)
    assert people["Zhou Enlai"] == {"attendee"}
    assert "note-taker" in people["Winston Lord"]
    assert people["Tang Wensheng"] == {"interpreter"}
    assert people["Henry Kissinger"] == {"participant", "speaker"}
    assert people["Mao Zedong"] == {"participant", "speaker"}


def test_a_start_time_is_read_from_the_header() -> None:
    (doc,) = page(MEETING.format(header="Date: February 23, 1972, 2:00 p.m."))
    assert doc.events[0].start == "1972-02-23T14:00:00"


def test_people_listed_by_side_with_interpreters_and_names_in_capitals() -> None:
    header = ("Participants\n\nOn the side of the DPRK’s MfS: Major Ko Gon/Interpreter\n\n"
              "On the side of the GDR’s MfS: Colonel General MITTIG\n\nMajor General DAMM\n\nComrade Mielke:\n\n"
              "Greeting by the Comrade Minister.")
    (doc,) = page(MEETING.format(header=header))
    people = roles(doc)
    assert people["Ko Gon"] == {"attendee", "interpreter"}
    assert people["Mittig"] == {"attendee"} and people["Damm"] == {"attendee"}
    assert people["Mielke"] == {"speaker"}


def test_addressees_senders_numbers_and_signatures() -> None:
    text = """Skip to content

July 24, 1945

Message on Publishing Newspapers

To the USSR People’s Commissariat for Foreign Trade

to Anastas Ivanovich Mikoyan

Copies: Stalin, Molotov

In accordance with the recent decision of the CC of the Party we have begun publishing three daily newspapers.

I earnestly request that you give orders to hasten the shipment of paper needed to publish the newspapers.

Secretary of the CC CP(b) of Azerbaijan

M. D. Bagirov

24 July 1945

N 191
"""
    (doc,) = page(text)
    people = roles(doc)
    assert people == {"USSR People’s Commissariat for Foreign Trade": {"recipient"},
                      "Anastas Ivanovich Mikoyan": {"recipient"}, "Stalin": {"recipient"}, "Molotov": {"recipient"},
                      "M. D. Bagirov": {"author", "signatory"}}
    (bagirov,) = [r for r in doc.attributions if r.agent.name == "M. D. Bagirov"]
    assert bagirov.position == "Secretary of the CC CP(b) of Azerbaijan"
    assert bagirov.date is not None and bagirov.date.iso == "1945-07-24"
    assert doc.document_number == "191"


@pytest.mark.parametrize("line, number", [
    ("No. 828/154/2421/57/tjn. [trans. note: most likely short for tajne, secret; added by hand)", "828/154/2421/57/tjn"),
    ("N 191", "191"), ("Document No. 594", "594"), ("Nº 180", "180"),
])
def test_document_numbers(line: str, number: str) -> None:
    (doc,) = page(f"Skip to content\n\nJune 8, 1962\n\nNote\n\n{line}\n\nThe text of the note follows here in full, "
                  "as the embassy wrote it.\n")
    assert doc.document_number == number


def test_footnote_markers_stay_out_of_names_and_editorial_notes_go_to_the_translation() -> None:
    text = """Skip to content

October 24, 1977

Note from Milovoje Maksić[1]

Embassy of the Pyongyang, 24.X.1957

People’s Republic of Poland

in Pyongyang [trans. note: tilted stamp]

They are thanking us for our help in establishing stronger relations with Tanjug[2] and with the agency.

Milovoje Maksić

[1] Head of the department.
"""
    (doc,) = page(text)
    assert doc.title == "Note from Milovoje Maksić"
    assert roles(doc) == {"Milovoje Maksić": {"author", "signatory"},
                          "Embassy of the People’s Republic of Poland in Pyongyang": {"issuing-body"}}
    assert doc.translation is not None
    assert "trans. note: tilted stamp" in doc.translation.notes
    assert "[1] Head of the department." in doc.translation.notes


def test_marginalia_and_stamps_do_not_name_people() -> None:
    text = """Skip to content

August 26, 1958

Record of a Conversation with Cde. Nudenkhugiin Yadamjav

[Handwriting in the left margin:

"to Cde. Torbenkov" followed by

illegible initials]

I received Ambassador Cde. Yadamjav at his request. The Ambassador provided information about trade.
"""
    (doc,) = page(text)
    assert roles(doc) == {"Nudenkhugiin Yadamjav": {"participant"}}


def test_original_language_text_before_the_translation_is_left_out() -> None:
    text = ("Skip to content\n\nJune 8, 1962\n\nLetter from Gomulka to Khrushchev\n\n"
            "Дорогой товарищ Хрущев, мы получили ваше письмо.\n\nDear Comrade Khrushchev,\n\n"
            "We have received your letter of 5 May and considered it at the meeting of our Politburo.\n\n"
            "W. Gomulka\n")
    (doc,) = page(text)
    assert roles(doc) == {"W. Gomulka": {"author", "signatory"}, "Khrushchev": {"recipient"}}


def test_people_lists_keep_positions_with_names() -> None:
    people = parse_people("Constantin Dascalescu, Prime Minister of the Socialist Republic of Romania, and "
                          "Nikolai I. Ryzhkov, President of the Council of Ministers of USSR")
    assert [(p.name, p.position) for p in people] == [
        ("Constantin Dascalescu", "Prime Minister of the Socialist Republic of Romania"),
        ("Nikolai I. Ryzhkov", "President of the Council of Ministers of USSR")]
    (kim,) = parse_people("Kim Gwang-hyeop [Kim Kwang Hyop]")
    assert (kim.name, kim.alternate) == ("Kim Gwang-hyeop", "Kim Kwang Hyop")


def test_the_da_author_headings_of_a_complete_page() -> None:
    text = """Skip to content

June 8, 1962

Letter from Zhou Enlai to Nikita Khrushchev

The text of the letter, which the Premier wrote after the talks in Moscow, follows in full here.

Zhou Enlai writes to Khrushchev about the talks.

Author(s):

Zhou, Enlai, 1898-1976

Associated Topics

Document Information

Source

PRC FMA 109-03803-01, 1-3. Translated by David Cowhig.

Type

Letter

Record ID

123456
"""
    (doc,) = page(text)
    assert doc.key == "da-123456" and doc.summary == "Zhou Enlai writes to Khrushchev about the talks."
    assert roles(doc) == {"Zhou Enlai": {"author"}, "Nikita Khrushchev": {"recipient"}}
    assert [c.verbatim for c in doc.citations] == ["PRC FMA 109-03803-01, 1-3"]
    assert doc.doctypes == ["letter"]
