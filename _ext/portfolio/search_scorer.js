/*
 * Sphinx search scoring (html_search_scorer): Sphinx's defaults, plus one rule.
 * A playbook is a guide drawn from the principles and case studies: on a
 * shared term, the page it draws on ranks first, so its score is halved.
 */
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    return docname.startsWith("playbooks/") ? Math.round(score / 2) : score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
