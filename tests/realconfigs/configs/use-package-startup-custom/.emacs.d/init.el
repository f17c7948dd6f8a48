;;; init.el -*- lexical-binding: t -*-

(require 'package)
(setq package-archives '(("melpa" . "https://melpa.org/packages/")
                         ("gnu" . "https://elpa.gnu.org/packages/")))
(package-initialize)
(require 'use-package)
(setq use-package-always-ensure nil)

(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))

(require 'gs-chat)
(require 'gs-editing nil t)
