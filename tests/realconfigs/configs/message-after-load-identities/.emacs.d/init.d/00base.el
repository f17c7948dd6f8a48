(setq user-full-name "Svenja Kohlhaas"
      user-mail-address "svenja@kohlhaas.net")
(setq-default indent-tabs-mode nil)
(transient-mark-mode 1)
