// A lognormal GLMM with scalar random intercepts, as glmmTMB (1.1.6 and later) writes its lognormal
// family: log link, mean mu and SD phi on the data scale (glmmTMB.cpp, case lognormal_family),
//   log-scale variance s1 = log(1 + (phi/mu)^2), log-scale mean s2 = log(mu) - s1/2,
//   log f(y) = dnorm(log y, s2, sqrt(s1), log = TRUE) - log y.
// glmmTMB 1.1.5 (installed here) has no lognormal family; this template is the same TMB Laplace
// machinery with that density line, so test/reference/tmbLognormal.R can stand in for it.
#include <TMB.hpp>

template<class Type>
Type objective_function<Type>::operator() ()
{
  DATA_VECTOR(yobs);
  DATA_MATRIX(X);
  DATA_SPARSE_MATRIX(Z);
  DATA_IVECTOR(termOf);   // the random-effect term of each column of Z (0-based)
  PARAMETER_VECTOR(beta);
  PARAMETER_VECTOR(b);
  PARAMETER(betad);
  PARAMETER_VECTOR(theta);

  Type jnll = 0;
  for (int j = 0; j < b.size(); j++) jnll -= dnorm(b(j), Type(0), exp(theta(termOf(j))), true);
  vector<Type> eta = X * beta + Z * b;
  Type phi = exp(betad);
  for (int i = 0; i < yobs.size(); i++) {
    Type s1 = logspace_add(2 * (log(phi) - eta(i)), Type(0));
    Type s2 = eta(i) - s1 / 2;
    Type s3 = sqrt(s1);
    jnll -= dnorm(log(yobs(i)), s2, s3, true) - log(yobs(i));
  }
  return jnll;
}
