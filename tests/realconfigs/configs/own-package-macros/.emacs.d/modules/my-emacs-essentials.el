;;; my-emacs-essentials.el  -*- lexical-binding: t -*-
(my-emacs-builtin-package 'emacs
  (setq use-short-answers t
        echo-keystrokes 0.25)
  (put 'narrow-to-region 'disabled nil))

(my-emacs-builtin-package 'savehist
  (setq savehist-file (locate-user-emacs-file "savehist"))
  (savehist-mode 1))

(my-emacs-elpa-package 'modus-themes
  (setq modus-themes-bold-constructs t)
  (load-theme 'modus-operandi :no-confirm))
