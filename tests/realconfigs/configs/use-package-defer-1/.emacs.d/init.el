;;; init.el --- -*- lexical-binding: t -*-
(require 'package)
(package-initialize)
(require 'use-package)
(setq use-package-always-defer t)

(add-to-list 'load-path (locate-user-emacs-file "lisp"))
(require 'my-mail)

(use-package vertico :ensure t :init (vertico-mode))
