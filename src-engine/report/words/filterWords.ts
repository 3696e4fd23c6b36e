/** The methods sentence for a fit's row filter, in R's syntax (the fit's R code writes the same subset()). */
import { dataExprToR } from '../../data/compute/exprToR';

export function filterWords(filter: string): string {
  return ` Only the rows where ${dataExprToR(filter)} were analysed (R's subset()).`;
}
