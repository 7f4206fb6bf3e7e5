"""Reading the SDG reference folder: goals and targets in both languages, indicators, Aurora phrases per target."""
import json

import pytest

from matchmaker.engine.sdg_reference import QueryPhrase, TargetText, parse_aurora_query, read_reference

AURORA = """<?xml version="1.0" encoding="utf-8"?>
<aqd:query xmlns:dc="http://dublincore.org/documents/dcmi-namespace/"
           xmlns:aqd="http://aurora-network.global/queries/namespace/">
  <dc:identifier type="sdg">6</dc:identifier>
  <dc:identifier type="uri">http://metadata.un.org/sdg/6</dc:identifier>
  <aqd:query-definitions>
    <aqd:query-definition>
      <dc:identifier type="uri">http://metadata.un.org/sdg/6.1</dc:identifier>
      <aqd:query-lines>
        <aqd:query-line field="TITLE-ABS-KEY">("drinking   water" OR "potable water*") AND ("access*")</aqd:query-line>
      </aqd:query-lines>
    </aqd:query-definition>
    <aqd:query-definition>
      <aqd:query-lines><aqd:query-line>"Sanitation"</aqd:query-line></aqd:query-lines>
    </aqd:query-definition>
  </aqd:query-definitions>
</aqd:query>
"""


def _folder(tmp_path):
    goal = {"goal": 6, "title": "Clean water and sanitation", "text": "Ensure water for all",
            "targets": [{"id": "6.1", "text": "Safe drinking water"}]}
    italian = {"goal": 6, "title": "Acqua pulita", "text": "Garantire l'acqua a tutti",
               "targets": [{"id": "6.1", "text": "Acqua potabile sicura"}]}
    (tmp_path / "goals-en.json").write_text(json.dumps([goal]), encoding="utf-8")
    (tmp_path / "goals-it.json").write_text(json.dumps([italian]), encoding="utf-8")
    (tmp_path / "indicators-en.json").write_text(
        json.dumps([{"id": "6.1.1", "target": "6.1", "text": "Share using safe water"}]), encoding="utf-8")
    (tmp_path / "aurora").mkdir()
    (tmp_path / "aurora" / "query_SDG6.xml").write_text(AURORA, encoding="utf-8")
    return tmp_path


def test_the_reference_holds_each_goal_and_target_in_both_languages_with_indicators_and_phrases(tmp_path):
    reference = read_reference(_folder(tmp_path))
    assert [(g.number, g.name_en, g.name_it, g.statement_it) for g in reference.goals] == [
        (6, "Clean water and sanitation", "Acqua pulita", "Garantire l'acqua a tutti")]
    assert reference.targets == (TargetText("6.1", 6, "Safe drinking water", "Acqua potabile sicura"),)
    assert [(i.code, i.target) for i in reference.indicators] == [("6.1.1", "6.1")]
    assert reference.phrases == (QueryPhrase(6, "6.1", "drinking water", "en"),
                                 QueryPhrase(6, "6.1", "potable water*", "en"),
                                 QueryPhrase(6, "6.1", "access*", "en"),
                                 QueryPhrase(6, None, "sanitation", "en"))


def test_an_aurora_file_declaring_entities_is_refused_before_anything_is_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<q>&b;</q>')
    with pytest.raises(ValueError, match="document type"):
        parse_aurora_query(bomb)


def test_a_folder_without_the_goals_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="goals-en.json"):
        read_reference(tmp_path)
