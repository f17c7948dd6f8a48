;;; my-emacs-completion.el  -*- lexical-binding: t -*-
(my-emacs-elpa-package 'vertico
  (vertico-mode 1))
(my-emacs-elpa-package 'orderless
  (setq completion-styles '(orderless basic)))
