/**
 * The survey's results as an .xlsx workbook (exceljs): one sheet of figures per subject and
 * question, one of the free-text answers. A channel of its own (registered with the leak scan):
 * it carries no respondent — answers are listed in the order of their keyed hash, never by time —
 * and phone numbers typed into the text were masked when stored.
 */
import { Workbook } from 'exceljs';
import { RESULT_SCOPE_LABELS, SCALE, surveyName } from '../miniprogram/shared/survey';
import type { SurveyResults } from '../typings';
import { findAll } from './db';
import { maskPhonesIn } from './domain/privacy';
import type { ResponseDoc, SurveyDoc } from './surveys';

export async function exportWorkbook(doc: SurveyDoc, results: SurveyResults): Promise<{ fileName: string; base64: string }> {
  const wb = new Workbook();
  wb.creator = '连心';
  const figures = wb.addWorksheet('调查结果');
  figures.addRow([surveyName(results.year, results.title)]);
  figures.addRow([
    `共${results.responses}人作答；少于${results.minResponses}人作答的结果仅供参考；公布范围：${results.resultScope ? RESULT_SCOPE_LABELS[results.resultScope] : '未公布'}`,
  ]);
  figures.addRow(['类别', '评价对象', '题目', '作答人数', '平均分', ...SCALE.map((s) => s.label), '说明']);
  figures.getRow(3).font = { bold: true };
  for (const s of results.subjects) {
    for (const q of s.questions) {
      if (q.kind !== 'scale') continue;
      figures.addRow([s.kind, s.name, q.text, q.n, q.mean ?? '', ...q.dist, s.note ?? '']);
    }
  }
  figures.columns.forEach((c, i) => (c.width = [12, 24, 30][i] ?? 10));

  const texts = wb.addWorksheet('意见建议');
  texts.addRow(['评价对象', '题目', '意见建议']);
  texts.getRow(1).font = { bold: true };
  const subjects = new Map(doc.subjects.map((s) => [s.id, s.name]));
  const responses = await findAll<ResponseDoc>('survey_responses', { surveyId: doc._id }, { items: true });
  for (const r of responses) {
    for (const item of r.items) {
      item.answers.forEach((a, i) => {
        if (typeof a === 'string' && a !== '')
          texts.addRow([subjects.get(item.subjectId) ?? '', doc.questions[i]?.text ?? '', maskPhonesIn(a)]);
      });
    }
  }
  texts.columns.forEach((c, i) => (c.width = [24, 30, 60][i] ?? 10));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${surveyName(results.year, results.title)}.xlsx`, base64: buf.toString('base64') };
}
