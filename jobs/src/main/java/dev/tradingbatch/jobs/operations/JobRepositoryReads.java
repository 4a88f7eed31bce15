package dev.tradingbatch.jobs.operations;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.interceptor.DelegatingTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

import java.lang.reflect.Method;

/**
 * Spring Batch's JobRepository runs every method in a read-write transaction, its reads too ({@code jobs list},
 * {@code jobs show}, the stale-execution check every command makes); on SQLite each would take the write lock
 * and wait for any other process's writer. This marks its reads ({@code get*}, {@code find*}, {@code is*})
 * read-only, keeping Spring Batch's propagation and isolation: they begin DEFERRED and read beside the writer.
 * A read inside a write transaction (a job's chunk) still joins that transaction.
 */
@Component
class JobRepositoryReads implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JobRepository && bean instanceof Advised advised) {
            for (Advisor advisor : advised.getAdvisors()) {
                if (advisor.getAdvice() instanceof TransactionInterceptor interceptor
                        && interceptor.getTransactionAttributeSource() != null
                        && !(interceptor.getTransactionAttributeSource() instanceof ReadsReadOnly)) {
                    interceptor.setTransactionAttributeSource(
                            new ReadsReadOnly(interceptor.getTransactionAttributeSource()));
                }
            }
        }
        return bean;
    }

    /** Spring Batch's attributes, read-only for the methods that only read. */
    private record ReadsReadOnly(TransactionAttributeSource batch) implements TransactionAttributeSource {

        @Override
        public TransactionAttribute getTransactionAttribute(Method method, Class<?> targetClass) {
            TransactionAttribute attribute = batch.getTransactionAttribute(method, targetClass);
            if (attribute == null || !reads(method.getName())) {
                return attribute;
            }
            return new DelegatingTransactionAttribute(attribute) {
                @Override
                public boolean isReadOnly() {
                    return true;
                }
            };
        }

        private static boolean reads(String method) {
            return method.startsWith("get") || method.startsWith("find") || method.startsWith("is");
        }
    }
}
