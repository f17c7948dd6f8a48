(setq inhibit-startup-message t)
(set-language-environment "Japanese")
(prefer-coding-system 'utf-8)
