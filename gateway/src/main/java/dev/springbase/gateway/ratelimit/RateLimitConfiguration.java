package dev.springbase.gateway.ratelimit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.springbase.gateway.GatewayProperties;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean
	BucketStore bucketStore(GatewayProperties properties) {
		GatewayProperties.RateLimit rateLimit = properties.rateLimit();
		if (rateLimit.sharedInRedis()) {
			return new RedisBucketStore(rateLimit.redisUrl());
		}
		return new LocalBucketStore(rateLimit.perKey().period().compareTo(rateLimit.perIp().period()) > 0
				? rateLimit.perKey().period() : rateLimit.perIp().period());
	}

	@Bean
	RateLimiter rateLimiter(BucketStore bucketStore, GatewayProperties properties) {
		return new RateLimiter(bucketStore, properties.rateLimit());
	}

	@Bean
	ClientAddress clientAddress(GatewayProperties properties) {
		return new ClientAddress(properties.trustForwardedHeaders());
	}

	@Bean
	FilterRegistrationBean<AddressRateLimitFilter> addressRateLimitFilter(RateLimiter rateLimiter,
			ClientAddress clientAddress) {
		FilterRegistrationBean<AddressRateLimitFilter> registration = new FilterRegistrationBean<>(
				new AddressRateLimitFilter(rateLimiter, clientAddress));
		// Right after the request id, before any other work.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
